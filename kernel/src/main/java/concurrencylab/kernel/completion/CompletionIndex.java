package concurrencylab.kernel.completion;

import jdk.jshell.SourceCodeAnalysis;

import java.io.File;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What completion knows beyond JShell's own analysis: the package names of the JDK and of the cells'
 * class path ({@link PackageNames}), read once the kernel is idle (the kernel's {@code IdleWork}), so
 * never while a cell runs.
 *
 * <p>It replaces JShell's completion index, which the kernel keeps switched off: that index walks every
 * class of the JDK and the class path (CPU at start, and heap that stays) to offer package names and
 * import fixes, and left to itself it runs alongside the first cells.
 *
 * <pre>{@code
 * var index = new CompletionIndex(idleWork::whenIdle);
 * index.attach(jshell.sourceCodeAnalysis(), classPath, log);   // once, right after JShell is built
 * index.packages().complete("import java.util.con", 20);      // the class path's names once idle
 * }</pre>
 *
 * <p>JShell offers no public switch for its index, so this calls its own suspend method, which the
 * kernelspec opens with {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}; without that the index
 * is built as JShell schedules it.
 */
public final class CompletionIndex {
    /** Read on first use, not at start: the kernel starts javac first. */
    private PackageNames packages;
    private final Executor whenIdle;
    private String unread = "";
    private boolean readQueued;

    /** An index whose class path names are read by {@code whenIdle}, which runs jobs while the kernel is idle. */
    public CompletionIndex(Executor whenIdle) {
        this.whenIdle = whenIdle;
    }

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
        unread = unread.isEmpty() ? classPath : unread + File.pathSeparator + classPath;
        if (!readQueued) {
            readQueued = true;
            whenIdle.execute(this::readClassPath);
        }
    }

    private void readClassPath() {
        String entries;
        synchronized (this) {
            readQueued = false;
            entries = unread;
            unread = "";
        }
        if (!entries.isEmpty()) packages().addClassPath(entries);
    }

    /** The package names known so far: the JDK's at once, the class path's once read. */
    public synchronized PackageNames packages() {
        if (packages == null) packages = PackageNames.ofJdk();
        return packages;
    }
}
