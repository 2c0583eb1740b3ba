package concurrencylab.process;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The entry point of a {@link JvmProcess}. It watches its parent and halts when the parent dies, so no
 * child outlives a killed kernel; then either runs a class's {@code main}, or reads a {@link RemoteTask}
 * (with the notebook cells' classes it needs) from stdin and runs it.
 *
 * <p>The parent keeps the child's stdin open and never writes to it after the task: when the parent
 * dies, even by SIGKILL, the operating system closes it and the child reads end-of-file. That is the
 * watch that works when the parent is left a zombie, which {@link ProcessHandle#onExit()} takes for alive.
 *
 * <pre>{@code
 * java -cp <library class path> concurrencylab.process.ProcessMain main com.example.Main arg1 arg2
 * java -cp <library class path> concurrencylab.process.ProcessMain task      (the task on stdin)
 * }</pre>
 */
final class ProcessMain {
    private ProcessMain() {}

    /** Exit code of a task or main that threw. */
    static final int FAILED = 1;
    /** Exit code when the parent process died. */
    static final int PARENT_DIED = 3;

    public static void main(String[] args) throws Exception {
        ParentWatch.start();
        if (args.length >= 2 && args[0].equals("main")) {
            watchParent(System.in);
            runMain(args[1], Arrays.copyOfRange(args, 2, args.length));
        } else if (args.length == 1 && args[0].equals("task")) {
            runTask();
        } else {
            System.err.println("usage: ProcessMain main CLASS [ARGS...] | ProcessMain task");
            System.exit(2);
        }
        System.exit(0); // threads the code left running do not keep a finished process alive
    }

    /** Halts when {@code lifeline}, the parent's end of our stdin, reaches end-of-file: the parent is gone. */
    private static void watchParent(InputStream lifeline) {
        Thread.ofPlatform().daemon(true).name("parent-watch").start(() -> {
            try {
                while (lifeline.read() >= 0) {
                    // nothing is sent after the task
                }
            } catch (IOException e) {
                // closed: the same as end-of-file
            }
            parentDied();
        });
    }

    /**
     * Exits, running shutdown hooks (a Spark worker's hook stops its executors), but halts if they take
     * longer than 5 s: a child must not outlive its parent for long.
     */
    static void parentDied() {
        Thread.ofPlatform().daemon(true).name("halt-after-grace").start(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ignored) {
                // halt now
            }
            Runtime.getRuntime().halt(PARENT_DIED);
        });
        System.exit(PARENT_DIED);
    }

    private static void runMain(String className, String[] args) throws Exception {
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(FAILED);
        }
    }

    private static void runTask() throws IOException {
        var in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        var shipped = new ShippedClasses();
        ShippedClasses.useInThisJvm(shipped);
        RemoteTask task;
        try {
            if (in.readByte() != ChildFrames.CLASSES) throw new IOException("expected the cells' classes");
            ChildFrames.readClasses(in, shipped);
            if (in.readByte() != ChildFrames.VARIABLES) throw new IOException("expected the cells' variables");
            ChildFrames.readVariables(in, shipped);
            task = ChildFrames.readTask(in, shipped);
        } catch (IOException e) {
            System.err.println("cannot read the task: " + e.getMessage());
            System.exit(FAILED);
            return;
        }
        watchParent(in);
        Thread.currentThread().setContextClassLoader(shipped);
        try {
            task.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(FAILED);
        }
    }
}
