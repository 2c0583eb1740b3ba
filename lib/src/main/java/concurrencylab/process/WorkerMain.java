package concurrencylab.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of a worker JVM ({@link WorkerPool} starts it): reads batches of tasks from stdin,
 * runs them, writes the outcomes to stdout. What tasks print goes to stderr, which the pool streams
 * into the notebook. The worker exits when its stdin closes, when told to, or when its parent process
 * dies, so a killed kernel never leaves workers behind.
 *
 * <pre>{@code
 * java -cp <library class path> concurrencylab.process.WorkerMain
 * }</pre>
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        var protocol = new ObjectOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // task output must not corrupt the protocol
        protocol.writeObject(new Messages.Ready(ProcessHandle.current().pid()));
        protocol.flush();
        var in = new ObjectInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        while (true) {
            Object message;
            try {
                message = in.readObject();
            } catch (java.io.EOFException e) {
                break; // the pool closed our stdin
            }
            if (message instanceof Messages.Stop) break;
            if (message instanceof Messages.Batch batch) {
                protocol.writeObject(new Messages.BatchDone(batch.id(), run(batch)));
                protocol.flush();
                protocol.reset(); // results are not referenced again: let both sides forget them
            }
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // threads a task left behind must not keep the worker alive
    }

    private static List<Messages.Done> run(Messages.Batch batch) {
        List<Messages.Done> done = new ArrayList<>(batch.indices().length);
        for (int index : batch.indices()) {
            long start = Messages.epochNanos();
            Object result = null;
            Throwable error = null;
            try {
                result = batch.work().runTask(index);
                if (result != null && !(result instanceof java.io.Serializable)) {
                    throw new NotSerializableException("task " + index + " returned a " + result.getClass().getName()
                            + ", which cannot be sent back to the notebook");
                }
            } catch (Throwable t) {
                error = t;
            }
            done.add(new Messages.Done(index, start, Messages.epochNanos(), result, error));
        }
        return done;
    }
}
