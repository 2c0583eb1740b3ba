package concurrencylab.process;

import concurrencylab.spi.KernelServices;
import concurrencylab.workload.TaskRecord;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM of a {@link WorkerPool} ({@link WorkerMain}) and its two pipes: it feeds the worker
 * batches of tasks ({@link ChildFrames}) and turns the outcomes into {@link TaskRecord}s. What the
 * worker prints reaches this JVM's {@code System.out}, prefixed with its name.
 *
 * <pre>{@code
 * var worker = new PoolWorker(PoolWorker.launch());   // waits until it says it is ready
 * worker.serve(shipment, chunks, records, epochAtOrigin, 1);
 * worker.stop();
 * }</pre>
 */
final class PoolWorker {
    /** Batches sent ahead to each worker, so it never waits for the next one while results travel back. */
    private static final int IN_FLIGHT = 4;
    /** Batches that take little time may go further ahead, up to this many, */
    private static final int MAX_IN_FLIGHT = 32;
    /** as long as that many of them would run in less than this. */
    private static final long SHORT_QUEUE_NANOS = 2_000_000;
    /** Task indices sent ahead stay under 16 KB, well inside a pipe's 64 KB. */
    private static final int MAX_TASKS_AHEAD = 4096;

    private final Process process;
    private final long pid;
    private final String name;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Set<String> shipped = new HashSet<>();
    /** The workload this worker holds: a call with the same bytes does not send it again. */
    private byte[] holding;

    /** Starts a worker JVM; {@link #PoolWorker} then waits until it is ready, so several can boot at once. */
    static Process launch() throws IOException {
        var pb = ChildJvm.command(WorkerMain.class.getName(), List.of());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }

    /** Waits until {@code process}, started by {@link #launch()}, says it is ready. */
    PoolWorker(Process process) throws IOException {
        this.process = process;
        this.pid = process.pid();
        this.name = "worker-jvm-" + pid;
        // Whatever the worker prints reaches this JVM's System.out, so the notebook shows it live.
        Thread.ofPlatform().daemon(true).name("output-of-" + name).start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) System.out.println("[" + name + "] " + line);
            } catch (IOException ignored) {
                // the worker is gone
            }
        });
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        if (in.readByte() != ChildFrames.READY || in.readLong() != pid) throw new IOException(name + " did not say it was ready");
    }

    long pid() {
        return pid;
    }

    /** {@code worker-jvm-PID}: how records and messages name it. */
    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A record for task {@code index}, which no worker ran, failed with {@code why}. */
    static TaskRecord failed(int index, String why, long epochAtOrigin) {
        long now = ChildFrames.epochNanos() - epochAtOrigin;
        return new TaskRecord(index, now, now, "(none)", null, new IllegalStateException(why));
    }

    /**
     * Feeds this worker chunks from the shared queue with IN_FLIGHT batches ahead, so the pipe is never
     * idle while a result travels back, and collects the results into {@code records}. When the worker
     * dies, the tasks it was running fail and the chunks it had not started go back to {@code chunks}.
     *
     * @param sharing how many workers take chunks from the same queue
     */
    void serve(Shipment shipment, ConcurrentLinkedQueue<int[]> chunks, TaskRecord[] records, long epochAtOrigin, int sharing) {
        ArrayDeque<int[]> inFlight = new ArrayDeque<>();
        try {
            shipNewClasses(shipment);
            long batchNanos = -1; // how long this worker took for its last batch; unknown at first
            while (true) {
                // Short batches go far ahead: each one's trip through a busy scheduler costs more than
                // running it, and queueing behind a few of them delays nobody much.
                boolean shortBatches = batchNanos >= 0 && batchNanos * MAX_IN_FLIGHT < SHORT_QUEUE_NANOS;
                int limit = shortBatches ? MAX_IN_FLIGHT : IN_FLIGHT;
                while (inFlight.size() < limit) {
                    // Send long batches ahead only while the other workers still have chunks to take:
                    // the last few long tasks must go to idle workers, not queue behind this one.
                    if (!shortBatches && !inFlight.isEmpty() && chunks.size() < (sharing - 1) * inFlight.size() + 1) break;
                    // Batches waiting in the worker's stdin must fit in the pipe: a parent blocked writing
                    // them would not read the results the worker is blocked writing.
                    if (!inFlight.isEmpty() && tasksInFlight(inFlight) >= MAX_TASKS_AHEAD) break;
                    int[] chunk = chunks.poll();
                    if (chunk == null) break;
                    // Sent only to a worker that gets tasks, and only when it changed: deserializing
                    // the workload was most of a short call's fixed cost.
                    if (holding == null || !Arrays.equals(holding, shipment.work())) {
                        ChildFrames.writeUse(out, shipment.work());
                        holding = shipment.work();
                    }
                    ChildFrames.writeBatch(out, chunk);
                    inFlight.add(chunk);
                }
                out.flush();
                if (inFlight.isEmpty()) return;
                if (in.readByte() != ChildFrames.DONE) throw new IOException(name + " sent an unexpected message");
                long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
                for (ChildFrames.Done d : ChildFrames.readOutcomes(in)) {
                    records[d.index()] = new TaskRecord(d.index(), d.start() - epochAtOrigin, d.end() - epochAtOrigin, name, d.result(), d.error());
                    first = Math.min(first, d.start());
                    last = Math.max(last, d.end());
                }
                batchNanos = Math.max(0, last - first);
                inFlight.poll();
            }
        } catch (IOException | RuntimeException e) {
            awaitExit(1, TimeUnit.SECONDS); // a closed pipe usually means the process is ending: get its exit code
            String exit = process.isAlive() ? "broke its pipe" : "exited with code " + process.exitValue();
            // The first batch in flight was running: its tasks fail (with one task per batch, exactly the
            // one that was running). Batches sent ahead never started: they go back for another worker.
            int[] running = inFlight.poll();
            if (running != null) {
                for (int i : running) {
                    String why = running.length == 1 ? name + " " + exit + " while running task " + i
                            : name + " " + exit + " while running tasks " + running[0] + " to " + running[running.length - 1];
                    records[i] = failed(i, why, epochAtOrigin);
                }
            }
            chunks.addAll(inFlight);
            process.destroyForcibly(); // the other workers take the remaining chunks
        }
    }

    private static int tasksInFlight(ArrayDeque<int[]> inFlight) {
        int n = 0;
        for (int[] chunk : inFlight) n += chunk.length;
        return n;
    }

    /** Sends the classes of notebook cells this worker has not received yet, and the variables the work uses. */
    private void shipNewClasses(Shipment shipment) throws IOException {
        if (KernelServices.classSource() == null) return;
        var fresh = new HashMap<String, byte[]>();
        shipment.classes().forEach((className, bytes) -> {
            if (shipped.add(className)) fresh.put(className, bytes);
        });
        if (!fresh.isEmpty()) ChildFrames.writeClasses(out, fresh);
        ChildFrames.writeVariables(out, shipment.variables());
    }

    /** Tells the worker to finish and exit. */
    void stop() {
        try {
            out.writeByte(ChildFrames.STOP);
            out.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops the worker now (SIGKILL). */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits at most {@code time} for the worker to exit, then kills it. */
    void awaitExit(long time, TimeUnit unit) {
        try {
            if (!process.waitFor(time, unit)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
