package concurrencylab.kernel.exec;

import java.lang.Thread.UncaughtExceptionHandler;

/**
 * Thrown in every thread running cell code at its next stop check once the cell is interrupted
 * ({@link CellCode} weaves the checks into the cells' bytecode). JShell's own engine throws
 * {@code ThreadDeath}, which thread groups no longer drop silently since JDK 20: a stopped thread would
 * print its stack trace into the notebook. The kernel throws this error of its own instead, and
 * {@link #endThreadsQuietly()} makes a thread it ends print nothing.
 *
 * <pre>{@code
 * CellStopped.endThreadsQuietly();   // once, before cell code runs (the engine does it)
 * }</pre>
 */
public final class CellStopped extends Error {
    /** What the stop checks throw; public because the cells' classes create it. */
    public CellStopped() {
        super("the cell was interrupted", null, false, false);
    }

    /**
     * Installs a default uncaught-exception handler that ends a thread stopped by an interrupt without a
     * word, and hands everything else to the handler installed before it (or prints it as the JDK's
     * thread groups do). A default handler, not the cell's thread group: virtual threads all belong to
     * the JDK's group for them, which reports to the default handler too.
     */
    static synchronized void endThreadsQuietly() {
        UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        if (before instanceof Quiet) return;
        Thread.setDefaultUncaughtExceptionHandler(new Quiet(before));
    }

    private record Quiet(UncaughtExceptionHandler before) implements UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            if (e instanceof CellStopped) return;
            if (before != null) {
                before.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        }
    }
}
