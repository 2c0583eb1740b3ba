package concurrencylab.process;

import concurrencylab.Check;
import concurrencylab.spi.ClassSource;
import concurrencylab.spi.KernelServices;
import concurrencylab.strategy.TaskRecord;
import concurrencylab.workload.Workload;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.NotSerializableException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pool of worker JVMs, Java's {@code multiprocessing.Pool}: each worker is a separate operating-system
 * process running {@link WorkerMain} with the same JDK and the library on its class path. Started once
 * and reused; tasks travel to the workers in batches ({@code chunkSize} tasks per message) over pipes.
 *
 * <pre>{@code
 * try (var pool = WorkerPool.start(4)) {
 *     pool.startupTime();                                    // e.g. PT0.41S for 4 JVMs
 *     List<TaskRecord> done = pool.run(work, 1, System.nanoTime());
 * }
 * }</pre>
 *
 * <p>No orphans: workers exit when the pool closes or is terminated, when the cell waiting on them is
 * interrupted, when this JVM exits, and when it is killed (each worker watches its parent).
 */
public final class WorkerPool implements AutoCloseable {
    private static final Map<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();
    /** Batches sent ahead to each worker, so it never waits for the next one while results travel back. */
    private static final int IN_FLIGHT = 4;
    /** Batches that take little time may go further ahead, up to this many, */
    private static final int MAX_IN_FLIGHT = 32;
    /** as long as that many of them would run in less than this. */
    private static final long SHORT_QUEUE_NANOS = 2_000_000;
    /** Task indices sent ahead stay under 16 KB, well inside a pipe's 64 KB. */
    private static final int MAX_TASKS_AHEAD = 4096;
    private static final List<WorkerPool> OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(WorkerPool::terminate), "stop worker JVMs"));
    }

    private final List<Worker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** One run() at a time; it takes every worker, a submitted call takes one. */
    private final java.util.concurrent.locks.ReentrantLock calling = new java.util.concurrent.locks.ReentrantLock(true);
    private final java.util.concurrent.LinkedBlockingQueue<Worker> idle = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Duration startup;
    private volatile boolean closed;
    /** One thread per worker feeds it batches during a call; kept between calls, as starting them cost more than a short call. */
    private final java.util.concurrent.ExecutorService dispatch = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon(true).name("worker-pool-dispatch-", 0).factory());

    private WorkerPool(int size) throws IOException {
        long t0 = System.nanoTime();
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < size; i++) started.add(launch()); // all start at once, then each says it is ready
        try {
            for (Process p : started) workers.add(new Worker(p));
            idle.addAll(workers);
        } catch (IOException | RuntimeException e) {
            started.forEach(Process::destroyForcibly);
            throw e;
        }
        startup = Duration.ofNanos(System.nanoTime() - t0);
        OPEN.add(this);
    }

    /** Starts {@code workers} worker JVMs and waits until each is ready. */
    public static WorkerPool start(int workers) throws IOException {
        return new WorkerPool(Check.atLeast("workers", workers, 1));
    }

    /** A pool of {@code workers} kept for reuse across measurements; started on first use, again after it was stopped. */
    public static synchronized WorkerPool shared(int workers) throws IOException {
        WorkerPool pool = SHARED.get(workers);
        if (pool == null || pool.closed) {
            pool = start(workers);
            SHARED.put(workers, pool);
        }
        return pool;
    }

    /** How long starting the workers took, until every one was ready for work. */
    public Duration startupTime() {
        return startup;
    }

    /** Number of worker processes. */
    public int size() {
        return workers.size();
    }

    /** The workers' process ids. */
    public List<Long> pids() {
        return workers.stream().map(w -> w.pid).toList();
    }

    /**
     * Runs every task of {@code work} on the workers, {@code chunkSize} tasks per message, each worker
     * taking the next chunk when it is done. A task that throws, or whose worker dies, is recorded with
     * its error; the other results are kept. Times are relative to {@code originNanos} ({@code System.nanoTime()}).
     *
     * @throws InterruptedException when interrupted: the workers are stopped at once
     */
    public List<TaskRecord> run(Workload work, int chunkSize, long originNanos) throws InterruptedException {
        Check.notNull("work", work);
        Check.atLeast("chunkSize", chunkSize, 1);
        if (closed) throw new IllegalStateException("this worker pool is closed; start a new one with WorkerPool.start(k)");
        Shipment shipment = Shipment.of(work);
        calling.lockInterruptibly();
        int held = 0;
        try {
            for (; held < workers.size(); held++) takeIdle(); // wait for submitted calls to finish
            return runLocked(work, shipment, chunkSize, originNanos);
        } finally {
            for (int i = 0; i < held && i < workers.size(); i++) idle.add(workers.get(i));
            calling.unlock();
        }
    }

    private Worker takeIdle() throws InterruptedException {
        while (true) {
            if (closed) throw new IllegalStateException("this worker pool is closed; start a new one with WorkerPool.start(k)");
            Worker w = idle.poll(100, TimeUnit.MILLISECONDS);
            if (w != null) return w;
        }
    }

    private List<TaskRecord> runLocked(Workload work, Shipment shipment, int chunkSize, long originNanos) throws InterruptedException {
        if (closed) throw new IllegalStateException("this worker pool is closed; start a new one with WorkerPool.start(k)");
        replaceDeadWorkers();
        long epochAtOrigin = Wire.epochNanos() - (System.nanoTime() - originNanos);
        var chunks = new ConcurrentLinkedQueue<int[]>();
        for (int i = 0; i < work.tasks(); i += chunkSize) {
            int[] chunk = new int[Math.min(chunkSize, work.tasks() - i)];
            for (int j = 0; j < chunk.length; j++) chunk[j] = i + j;
            chunks.add(chunk);
        }
        // One slot per task, each written by the one dispatcher that ran it; read after they are all done.
        var records = new TaskRecord[work.tasks()];
        // A crashed worker hands back the batches it had not started; another round runs them on the
        // replacement. A task that crashed its worker is recorded as failed, not retried, so this ends.
        for (int round = 0; round < 3 && !chunks.isEmpty(); round++) {
            if (round > 0) replaceDeadWorkers();
            List<java.util.concurrent.Future<?>> dispatchers = new ArrayList<>();
            for (Worker worker : workers) {
                dispatchers.add(dispatch.submit(() -> worker.serve(shipment, chunks, records, epochAtOrigin, workers.size())));
            }
            try {
                for (var d : dispatchers) d.get();
            } catch (InterruptedException e) {
                terminate();
                throw e;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a worker's dispatcher failed: " + e.getCause(), e.getCause());
            }
        }
        for (int[] left : chunks) { // every worker died: nobody ran these
            for (int i : left) records[i] = failed(i, "no worker JVM was left to run task " + i, epochAtOrigin);
        }
        for (int i = 0; i < records.length; i++) {
            if (records[i] == null) records[i] = failed(i, "task " + i + " got no result from any worker JVM", epochAtOrigin);
        }
        return List.of(records);
    }

    /**
     * {@code function} applied to every input in the worker JVMs, results in input order: Python's
     * {@code pool.map(f, inputs, chunksize)}. The function may be a lambda typed in a notebook cell:
     * under the Concurrency Lab kernel its classes travel to the workers, with a copy of the notebook's
     * serializable variables as they are at the call (changes in a worker stay in that worker).
     *
     * <pre>{@code
     * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4), 1);   // [1, 4, 9, 16]
     * }</pre>
     *
     * @throws MapFailedException when a call threw or its worker died: names the input and why, keeps the other results
     */
    @SuppressWarnings("unchecked")
    public <T, R> List<R> map(RemoteFunction<? super T, ? extends R> function, List<? extends T> inputs, int chunkSize)
            throws InterruptedException {
        Check.notNull("function", function);
        Check.notNull("inputs", inputs);
        List<TaskRecord> done = run(new MapWork<>(function, List.copyOf(inputs)), chunkSize, System.nanoTime());
        List<R> results = new ArrayList<>(done.size());
        TaskRecord firstFailure = null;
        for (TaskRecord r : done) {
            results.add((R) r.result());
            if (r.failed() && firstFailure == null) firstFailure = r;
        }
        if (firstFailure != null) throw new MapFailedException(firstFailure, inputs.get(firstFailure.index()), results);
        return results;
    }

    /**
     * Runs {@code task} on a worker and returns its future result: Python's {@code apply_async}. Calls
     * submitted while the pool is busy are sent together, one per worker at a time.
     *
     * <pre>{@code
     * var a = pool.submit(() -> slowSquare(3));
     * var b = pool.submit(() -> slowSquare(4));
     * a.get() + b.get();                          // 25, computed in two worker JVMs at once
     * }</pre>
     *
     * The future fails with an exception naming the worker and why when the call threw.
     */
    public <R> java.util.concurrent.CompletableFuture<R> submit(RemoteCallable<? extends R> task) {
        Check.notNull("task", task);
        if (closed) throw new IllegalStateException("this worker pool is closed; start a new one with WorkerPool.start(k)");
        var work = new MapWork<RemoteCallable<? extends R>, R>(RemoteCallable::call, List.of(task));
        Shipment shipment = Shipment.of(work);
        var future = new java.util.concurrent.CompletableFuture<R>();
        Thread.ofVirtual().name("pool-submission").start(() -> {
            try {
                Worker worker = takeIdle();
                try {
                    if (!worker.process.isAlive()) worker = replace(worker);
                    var records = new TaskRecord[1];
                    var chunk = new ConcurrentLinkedQueue<int[]>(List.<int[]>of(new int[]{0}));
                    worker.serve(shipment, chunk, records, Wire.epochNanos(), 1);
                    TaskRecord r = records[0] == null ? failed(0, worker.name + " took no task", Wire.epochNanos()) : records[0];
                    if (r.failed()) {
                        future.completeExceptionally(new IllegalStateException("the submitted call failed in " + r.worker() + ": "
                                + r.error(), r.error()));
                    } else {
                        @SuppressWarnings("unchecked") R result = (R) r.result();
                        future.complete(result);
                    }
                } finally {
                    if (!worker.process.isAlive() && !closed) worker = replace(worker);
                    idle.add(worker);
                }
            } catch (InterruptedException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private synchronized Worker replace(Worker dead) {
        try {
            Worker fresh = new Worker(launch());
            int i = workers.indexOf(dead);
            if (i >= 0) workers.set(i, fresh);
            return fresh;
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart a worker JVM: " + e.getMessage(), e);
        }
    }

    /** Waits for the workers to finish and exit (up to 2 s each), then stops what is left. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Worker w : workers) w.stop();
        for (Worker w : workers) w.awaitExit(ChildJvm.training() ? 120 : 2, TimeUnit.SECONDS);
        dispatch.shutdown();
        OPEN.remove(this);
    }

    /** Stops every worker now. */
    public void terminate() {
        closed = true;
        workers.forEach(w -> w.process.destroyForcibly());
        dispatch.shutdown();
        OPEN.remove(this);
    }

    private void replaceDeadWorkers() {
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            if (!w.process.isAlive()) {
                try {
                    workers.set(i, new Worker(launch()));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot restart a worker JVM: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * What one call sends to every worker it uses, made once per call: the workload serialized, and
     * (under the kernel) the cells' classes and the variables of the cells the workload refers to.
     */
    private record Shipment(byte[] work, Map<String, byte[]> classes, Map<String, Map<String, Object>> variables) {
        static Shipment of(Workload work) {
            byte[] bytes;
            try {
                bytes = Wire.serialize(work);
            } catch (NotSerializableException e) {
                throw new IllegalArgumentException("the workload " + work.getClass().getName() + " cannot be sent to worker JVMs ("
                        + e.getMessage() + " is not serializable); define it as a class on the class path, not in a notebook cell", e);
            } catch (IOException e) {
                throw new IllegalArgumentException("the workload cannot be sent to worker JVMs: " + e.getMessage(), e);
            }
            ClassSource source = KernelServices.classSource();
            if (source == null) return new Shipment(bytes, Map.of(), Map.of());
            Map<String, byte[]> classes = source.classes();
            // Their values now, as a fork would copy them; only the cells the work refers to.
            return new Shipment(bytes, classes, source.variables(CellClassGraph.wrappersUsedBy(bytes, classes)));
        }
    }

    private static Process launch() throws IOException {
        var pb = ChildJvm.command(WorkerMain.class.getName(), List.of());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }

    private static TaskRecord failed(int index, String why, long epochAtOrigin) {
        long now = Wire.epochNanos() - epochAtOrigin;
        return new TaskRecord(index, now, now, "(none)", null, new IllegalStateException(why));
    }

    /** One worker process and its two pipes. */
    private static final class Worker {
        final Process process;
        final long pid;
        final String name;
        final DataOutputStream out;
        final DataInputStream in;
        final java.util.Set<String> shipped = new java.util.HashSet<>();
        /** The workload this worker holds: a call with the same bytes does not send it again. */
        byte[] holding;

        Worker(Process process) throws IOException {
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
            if (in.readByte() != Wire.READY || in.readLong() != pid) throw new IOException(name + " did not say it was ready");
        }

        /**
         * Feeds this worker chunks from the shared queue with IN_FLIGHT batches ahead, so the pipe is never
         * idle while a result travels back, and collects the results.
         */
        void serve(Shipment shipment, ConcurrentLinkedQueue<int[]> chunks, TaskRecord[] records, long epochAtOrigin,
                   int sharing) {
            java.util.ArrayDeque<int[]> inFlight = new java.util.ArrayDeque<>();
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
                        if (holding == null || !java.util.Arrays.equals(holding, shipment.work())) {
                            Wire.writeUse(out, shipment.work());
                            holding = shipment.work();
                        }
                        Wire.writeBatch(out, chunk);
                        inFlight.add(chunk);
                    }
                    out.flush();
                    if (inFlight.isEmpty()) return;
                    if (in.readByte() != Wire.DONE) throw new IOException(name + " sent an unexpected message");
                    long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
                    for (Wire.Done d : Wire.readOutcomes(in)) {
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

        private static int tasksInFlight(java.util.ArrayDeque<int[]> inFlight) {
            int n = 0;
            for (int[] chunk : inFlight) n += chunk.length;
            return n;
        }

        /** Sends the classes of notebook cells this worker has not received yet, and the variables the work uses. */
        void shipNewClasses(Shipment shipment) throws IOException {
            if (KernelServices.classSource() == null) return;
            var fresh = new java.util.HashMap<String, byte[]>();
            shipment.classes().forEach((name, bytes) -> {
                if (shipped.add(name)) fresh.put(name, bytes);
            });
            if (!fresh.isEmpty()) Wire.writeClasses(out, fresh);
            Wire.writeVariables(out, shipment.variables());
        }

        void stop() {
            try {
                out.writeByte(Wire.STOP);
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        void awaitExit(long time, TimeUnit unit) {
            try {
                if (!process.waitFor(time, unit)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
