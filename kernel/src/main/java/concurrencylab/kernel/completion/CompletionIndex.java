package concurrencylab.kernel.completion;

import jdk.jshell.SourceCodeAnalysis;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What completion knows beyond JShell's own analysis: the package names of the JDK and of the cells'
 * class path ({@link PackageNames}), read once the kernel has been idle for a second, so never while a
 * cell runs.
 *
 * <p>It replaces JShell's completion index, which the kernel keeps switched off: that index walks every
 * class of the JDK and the class path (about a core-second of CPU and 20 MB of heap that stays) to
 * offer package names and import fixes, and left to itself it runs alongside the first cells.
 *
 * <pre>{@code
 * var index = new CompletionIndex();
 * index.attach(jshell.sourceCodeAnalysis(), classPath, log);   // once, right after JShell is built
 * index.busy();                                               // a request is being served
 * index.idle();                                               // done: reading may go on after a moment
 * index.packages().complete("import java.util.con", 20);
 * }</pre>
 *
 * <p>JShell offers no public switch for its index, so this calls its own suspend method, which the
 * kernelspec opens with {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}; without that the index
 * is built as JShell schedules it.
 */
public final class CompletionIndex {
    /** Idle time after which the class path's packages are read. */
    static final Duration IDLE = Duration.ofSeconds(1);

    /** Read on first use, not at start: the kernel starts javac first (the JDK's names take 15 ms). */
    private PackageNames packages;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("completion-index").factory());
    private String unread = "";
    private ScheduledFuture<?> pending;

    /** Switches JShell's own index off and notes {@code classPath} to read when idle. */
    public synchronized void attach(SourceCodeAnalysis analysis, String classPath, Consumer<String> log) {
        try {
            Method suspend = analysis.getClass().getMethod("suspendIndexing");
            suspend.setAccessible(true);
            suspend.invoke(analysis); // never resumed: JShell's indexing thread waits, holding nothing
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.accept("JShell builds its completion index alongside the cells (" + e.getClass().getSimpleName()
                    + "; the kernelspec's --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED lets the kernel switch it off)");
        }
        addClassPath(classPath);
    }

    /** Class path entries added later ({@code %jars}, {@code %maven}): read when idle. */
    public synchronized void addClassPath(String classPath) {
        unread = unread.isEmpty() ? classPath : unread + java.io.File.pathSeparator + classPath;
    }

    /** A request is being served: nothing is read until it is done. */
    public synchronized void busy() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** The request is done: the class path is read if no other request comes within {@link #IDLE}. */
    public synchronized void idle() {
        if (unread.isEmpty()) return;
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(this::readClassPath, IDLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readClassPath() {
        String entries;
        synchronized (this) {
            pending = null;
            entries = unread;
            unread = "";
        }
        packages().addClassPath(entries);
    }

    /** The package names known so far: the JDK's at once, the class path's once read. */
    public synchronized PackageNames packages() {
        if (packages == null) packages = PackageNames.ofJdk();
        return packages;
    }
}
