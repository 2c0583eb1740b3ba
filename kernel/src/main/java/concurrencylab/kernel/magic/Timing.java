package concurrencylab.kernel.magic;

import java.util.Arrays;

/**
 * The arithmetic and wording of {@code %time} and {@code %timeit}.
 *
 * <pre>{@code
 * Timing.timeLine(1_200_000_000L, 2_300_000_000L, 0);
 * // "wall 1.20 s, CPU 2.30 s (all threads and child processes), cores busy 1.92"
 * }</pre>
 */
public final class Timing {
    private Timing() {}

    /**
     * The one line {@code %time} prints: CPU counts every thread of the JVM and its child processes
     * but the JIT compiler's, whose share (warming up, not the cell's work) is named apart.
     */
    public static String timeLine(long wallNanos, long cpuNanos, long compilerNanos) {
        double busy = wallNanos == 0 ? 0 : (double) cpuNanos / wallNanos;
        return String.format("wall %s, CPU %s (all threads and child processes), cores busy %.2f", format(wallNanos), format(cpuNanos), busy)
                + (compilerNanos >= 10_000_000 ? String.format("; the JIT compiler used %s more", format(compilerNanos)) : "");
    }

    /** The one line {@code %timeit} prints for {@code runs} repeats of {@code loops} calls each. */
    public static String timeitLine(long[] runNanos, int loops, int warmups) {
        double[] perLoop = Arrays.stream(runNanos).mapToDouble(t -> (double) t / loops).sorted().toArray();
        int n = perLoop.length;
        double median = n % 2 == 1 ? perLoop[n / 2] : (perLoop[n / 2 - 1] + perLoop[n / 2]) / 2;
        return String.format("median %s per loop, spread %s to %s (%d runs x %,d loops, after %d warm-up %s)",
                format(median), format(perLoop[0]), format(perLoop[n - 1]), n, loops, warmups, warmups == 1 ? "call" : "calls");
    }

    static String format(double nanos) {
        if (nanos < 1_000) return String.format("%.1f ns", nanos);
        if (nanos < 1_000_000) return String.format("%.2f us", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format("%.2f ms", nanos / 1e6);
        return String.format("%.2f s", nanos / 1e9);
    }
}
