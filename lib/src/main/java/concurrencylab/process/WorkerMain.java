package concurrencylab.process;

import concurrencylab.workload.Workload;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The entry point of a worker JVM ({@link PoolWorker} starts it): reads batches of tasks from stdin,
 * runs them, writes the outcomes to stdout ({@link ChildFrames}). What tasks print goes to stderr,
 * which the pool streams into the notebook. The worker exits when its stdin closes, when told to, or
 * when its parent process dies, so a killed kernel never leaves workers behind.
 *
 * <pre>{@code
 * java -cp <library class path> concurrencylab.process.WorkerMain
 * }</pre>
 */
final class WorkerMain {
    private WorkerMain() {}

    /** How long a batch's report waits for the items its tasks put on a queue that is full. */
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(1);

    public static void main(String[] args) throws IOException {
        ParentWatch.start();
        var out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // task output must not corrupt the protocol
        out.writeByte(ChildFrames.READY);
        out.writeLong(ProcessHandle.current().pid());
        out.flush();
        var in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        Workload work = null;
        var shipped = new ShippedClasses();
        var outcomes = new ChildFrames.Outcomes();
        ShippedClasses.useInThisJvm(shipped);
        try {
            for (byte tag = in.readByte(); tag != ChildFrames.STOP; tag = in.readByte()) {
                switch (tag) {
                    case ChildFrames.CLASSES -> ChildFrames.readClasses(in, shipped);
                    case ChildFrames.VARIABLES -> ChildFrames.readVariables(in, shipped);
                    case ChildFrames.USE -> {
                        try {
                            work = ChildFrames.readWorkload(in, shipped);
                        } catch (IOException e) {
                            work = new Unreadable(e.getMessage());
                        }
                    }
                    case ChildFrames.BATCH -> {
                        for (int index : ChildFrames.readBatch(in)) run(work, index, outcomes);
                        QueueConnection.awaitAllPending(QUEUE_WAIT); // items the tasks put arrive before the pool hears they are done
                        outcomes.writeTo(out);
                        out.flush(); // at once, even with more batches waiting: a task that crashes this JVM must not take earlier outcomes with it
                    }
                    default -> throw new IOException("unknown message " + tag);
                }
            }
        } catch (EOFException e) {
            // the pool closed our stdin
        }
        QueueConnection.sendAllPending();
        out.flush();
        System.out.flush();
        Runtime.getRuntime().halt(0); // threads a task left behind must not keep the worker alive
    }

    /** Stands in for a workload the worker could not read, so each task fails with the reason. */
    private record Unreadable(String why) implements Workload {
        public String description() { return "unreadable"; }
        public int tasks() { return 0; }
        public Object runTask(int index) { throw new IllegalStateException(why); }
        public Duration idealTime(int workers, int cores) { return Duration.ZERO; }
    }

    private static void run(Workload work, int index, ChildFrames.Outcomes outcomes) throws IOException {
        long start = ChildFrames.epochNanos();
        Object result = null;
        Throwable error = null;
        try {
            result = work.runTask(index);
        } catch (Throwable t) {
            error = t;
        }
        outcomes.add(index, start, ChildFrames.epochNanos(), result, error);
    }
}
