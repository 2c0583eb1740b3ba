package concurrencylab.kernel.exec;

import jdk.jshell.SourceCodeAnalysis;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps JShell's background indexing (every class of the JDK and the class path, for completing
 * package names) out of the way of the cells: it runs only after the kernel has been idle for a
 * moment. Left to itself it starts with the first cell and pauses only inside {@code eval}, so it
 * competed with the next cells and the JIT compiler: back-to-back {@code 1+1} round trips took a
 * median 50 ms with it and 36 ms without (2 cores).
 *
 * <pre>{@code
 * indexing.attach(jshell.sourceCodeAnalysis(), log);   // once, right after JShell is built
 * indexing.busy();                                    // a request is being served
 * indexing.idle();                                    // done: indexing may resume after a moment
 * }</pre>
 *
 * <p>JShell offers no public switch, so this calls its own suspend and resume methods, which the
 * kernelspec opens with {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}; without that the
 * indexing runs as JShell schedules it.
 */
public final class BackgroundIndexing {
    /** Idle time after which indexing resumes. */
    static final Duration IDLE = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("indexing-when-idle").factory());
    private SourceCodeAnalysis analysis;
    private Method suspend;
    private Method resume;
    private boolean suspended;
    private ScheduledFuture<?> pendingResume;

    /** Takes control of {@code analysis}'s indexing, which it has just started, and holds it until idle. */
    public synchronized void attach(SourceCodeAnalysis analysis, Consumer<String> log) {
        try {
            Method s = analysis.getClass().getMethod("suspendIndexing");
            Method r = analysis.getClass().getMethod("resumeIndexing");
            s.setAccessible(true);
            r.setAccessible(true);
            s.invoke(analysis);
            this.analysis = analysis;
            this.suspend = s;
            this.resume = r;
            this.suspended = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.accept("JShell's completion index builds while cells run (" + e.getClass().getSimpleName()
                    + "; the kernelspec's --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED lets the kernel defer it)");
        }
    }

    /** A request is being served: indexing waits (from the next class path entry on). */
    public synchronized void busy() {
        if (pendingResume != null) {
            pendingResume.cancel(false);
            pendingResume = null;
        }
        if (analysis != null && !suspended) {
            call(suspend);
            suspended = true;
        }
    }

    /** The request is done: indexing resumes if no other request comes within {@link #IDLE}. */
    public synchronized void idle() {
        if (analysis == null) return;
        if (pendingResume != null) pendingResume.cancel(false);
        pendingResume = timer.schedule(this::resumeNow, IDLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void resumeNow() {
        pendingResume = null;
        if (suspended) {
            call(resume);
            suspended = false;
        }
    }

    private void call(Method m) {
        try {
            m.invoke(analysis);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot " + m.getName() + " JShell's indexing", e);
        }
    }
}
