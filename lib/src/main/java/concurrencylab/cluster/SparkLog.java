package concurrencylab.cluster;

import concurrencylab.process.JvmProcess;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows the log of one JVM of a {@link SparkCluster}: shows its warnings and errors in the cell
 * until {@link #quiet()}, keeps its last lines for the error that explains a failed start, and says
 * when the line that means "ready" has appeared.
 *
 * <pre>{@code
 * var log = new SparkLog("spark-master", "I have been elected leader");
 * JvmProcess.start(masterClass, args, jvmOptions, env, log::line);
 * log.await(master, deadline, "the Spark master did not start");
 * }</pre>
 */
final class SparkLog {
    private final String name;
    private final String readyLine;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Deque<String> last = new ArrayDeque<>();
    private volatile boolean quiet;

    SparkLog(String name, String readyLine) {
        this.name = name;
        this.readyLine = readyLine;
    }

    /** From now on shows nothing: the JVM is being stopped, and its complaints about it are expected. */
    void quiet() {
        quiet = true;
    }

    /** Takes one line the JVM printed. */
    void line(String line) {
        if (line.contains(readyLine)) ready.countDown();
        if (!quiet && isWarningOrError(line)) System.err.println("[" + name + "] " + line);
        synchronized (last) {
            last.addLast(line);
            if (last.size() > 20) last.removeFirst();
        }
    }

    /** Hadoop's warning that it has no native library is no news in a notebook: the JDK's code runs instead. */
    private static boolean isWarningOrError(String line) {
        return line.contains(" ERROR ") || line.contains(" WARN ") && !line.contains("NativeCodeLoader");
    }

    /**
     * Waits until the ready line has appeared.
     *
     * @throws IllegalStateException with {@code failure}, after printing the last lines, when {@code jvm}
     *                               exits or {@code deadline} ({@code System.nanoTime()}) passes first
     */
    void await(JvmProcess jvm, long deadline, String failure) throws InterruptedException {
        while (!ready.await(50, TimeUnit.MILLISECONDS)) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                String why = jvm.isAlive() ? "" : " (" + name + " exited with code " + jvm.exitCode().orElse(-1) + ")";
                synchronized (last) {
                    last.forEach(l -> System.err.println("[" + name + "] " + l));
                }
                throw new IllegalStateException(failure + why + "; its last lines are above");
            }
        }
    }
}
