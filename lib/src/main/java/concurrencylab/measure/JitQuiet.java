package concurrencylab.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits until the JIT compiler has worked off its queue, so that a timed run measures the work and
 * not the JVM compiling in the background. A kernel that has just compiled a few cells still has a
 * second or so of the compiler's queue to work off; on two cores that took one of them away from a
 * speed-up sweep (two threads measured no faster than one).
 *
 * <pre>{@code
 * Duration waited = JitQuiet.await();   // at most MAX, at least one WINDOW
 * }</pre>
 */
final class JitQuiet {
    /** Length of a window in which the compiler must stay (nearly) idle. */
    static final Duration WINDOW = Duration.ofMillis(50);
    /** The longest wait: a JVM that compiles all the time is measured anyway. */
    static final Duration MAX = Duration.ofSeconds(2);

    private JitQuiet() {}

    /** Waits for this JVM's compiler: idle for one {@link #WINDOW}, or {@link #MAX} at the most. */
    static Duration await() throws InterruptedException {
        return await(compilerNanos(), WINDOW, MAX);
    }

    /**
     * Waits until {@code busyNanos} (the compiler's work so far) grows by at most a tenth of
     * {@code window} within one window, or until {@code max} has passed; returns the time waited.
     */
    static Duration await(LongSupplier busyNanos, Duration window, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long allowed = window.toNanos() / 10;
        long before = busyNanos.getAsLong();
        while (true) {
            Thread.sleep(window);
            long after = busyNanos.getAsLong();
            long waited = System.nanoTime() - start;
            if (after - before <= allowed || waited >= max.toNanos()) return Duration.ofNanos(waited);
            before = after;
        }
    }

    /**
     * The compiler threads' CPU time on Linux; elsewhere the JVM's accumulated compilation time,
     * which grows as each compilation ends; nothing to wait for where neither is known.
     */
    private static LongSupplier compilerNanos() {
        if (CpuClock.compilerNanos() > 0) return CpuClock::compilerNanos;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) return () -> jit.getTotalCompilationTime() * 1_000_000;
        return () -> 0;
    }
}
