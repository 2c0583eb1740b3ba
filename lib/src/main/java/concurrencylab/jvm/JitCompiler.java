package concurrencylab.jvm;

import java.io.File;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * This JVM's JIT compiler, as a measurement needs it: the CPU its threads use, and a wait until it has
 * worked off its queue, so that a timed run (or a calibration) measures the work and not the JVM
 * compiling in the background. A kernel that has just compiled a few cells still has a second or so of
 * the compiler's queue to work off: on two cores that took one of them away from a speed-up sweep, and
 * code calibrated meanwhile ran in a less optimised form than it later runs in.
 *
 * <pre>{@code
 * Duration waited = JitCompiler.awaitQuiet();   // at most MAX, at least one WINDOW
 * long used = JitCompiler.cpuNanos();           // the compiler threads' CPU so far (Linux)
 * }</pre>
 */
public final class JitCompiler {
    /** Length of a window in which the compiler must stay (nearly) idle. */
    static final Duration WINDOW = Duration.ofMillis(50);
    /** The longest wait: a JVM that compiles all the time is measured anyway. */
    static final Duration MAX = Duration.ofSeconds(2);

    private JitCompiler() {}

    /** Waits for this JVM's compiler: idle for one {@link #WINDOW}, or {@link #MAX} at the most. */
    public static Duration awaitQuiet() throws InterruptedException {
        return await(busyNanos(), WINDOW, MAX);
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
    private static LongSupplier busyNanos() {
        if (cpuNanos() > 0) return JitCompiler::cpuNanos;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) return () -> jit.getTotalCompilationTime() * 1_000_000;
        return () -> 0;
    }

    /** The JIT compiler threads' CPU time in ns, from Linux's per-thread scheduler statistics; 0 elsewhere. */
    public static long cpuNanos() {
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) return 0;
        long sum = 0;
        for (File task : tasks) {
            try {
                String name = Files.readString(Path.of(task.getPath(), "comm")).strip();
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String schedstat = Files.readString(Path.of(task.getPath(), "schedstat"));
                    sum += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))); // time on a CPU, ns
                }
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile, or no schedstat on this kernel: count nothing for it
            }
        }
        return sum;
    }
}
