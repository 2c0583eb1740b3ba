package concurrencylab.kernel.start;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Work the kernel does only while nobody waits for it: each job runs once, on a thread of its own,
 * after the kernel has been started and then idle for a while (a second by default). A request that
 * comes in postpones the jobs not yet begun until it has been served and the kernel is idle again.
 *
 * <pre>{@code
 * var idle = new IdleWork(Duration.ofSeconds(1), log::warn);
 * idle.whenIdle(() -> readPackageNames());   // queued
 * idle.ready();                               // JShell is prepared: the clock starts
 * idle.busy();  ...serve a request...  idle.idle();
 * }</pre>
 */
public final class IdleWork {
    private final Duration delay;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            // Its thread starts on whichever thread schedules first: it must not inherit a cell's output.
            Thread.ofPlatform().daemon(true).name("idle-work").inheritInheritableThreadLocals(false).factory());
    private final Queue<Runnable> jobs = new ArrayDeque<>();
    private boolean ready;
    private int requests;
    private ScheduledFuture<?> pending;

    /** Jobs run once the kernel has been idle for {@code delay}; {@code log} gets the errors they throw. */
    public IdleWork(Duration delay, Consumer<String> log) {
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative: " + delay);
        this.delay = delay;
        this.log = log;
    }

    /** Queues {@code job} to run once, when the kernel is next idle for the delay. */
    public synchronized void whenIdle(Runnable job) {
        jobs.add(job);
        schedule();
    }

    /** The kernel has started (JShell is prepared): from now on idle time counts. */
    public synchronized void ready() {
        ready = true;
        schedule();
    }

    /** A request is being served: no job begins until it is done. */
    public synchronized void busy() {
        requests++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** The request is done: the jobs run if no other request comes within the delay. */
    public synchronized void idle() {
        requests = Math.max(0, requests - 1);
        schedule();
    }

    private void schedule() {
        if (!ready || requests > 0 || jobs.isEmpty()) return;
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(this::runJobs, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runJobs() {
        while (true) {
            Runnable job;
            synchronized (this) {
                if (requests > 0) return; // a request came in: the rest waits for the next idle time
                job = jobs.poll();
                if (job == null) {
                    pending = null;
                    return;
                }
            }
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                log.accept("idle work failed: " + e);
            }
        }
    }
}
