package concurrencylab.workload;

import concurrencylab.Check;

import java.time.Duration;

/**
 * Small helpers for durations as the course prints them.
 *
 * <pre>{@code
 * Durations.format(Duration.ofMillis(200));  // "200 ms"
 * Durations.waves(10, 4);                    // 3: ten tasks on four workers run in three waves
 * }</pre>
 */
public final class Durations {
    private Durations() {}

    /** {@code ceil(tasks / workers)}: how many rounds {@code workers} workers need for {@code tasks} equal tasks. */
    public static long waves(int tasks, int workers) {
        Check.atLeast("workers", workers, 1);
        return (tasks + (long) workers - 1) / workers;
    }

    /** A duration in the unit a reader expects: "850 us", "200 ms", "2.5 s". */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000) return String.format("%.0f us", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format("%.0f ms", nanos / 1e6);
        return String.format("%.2f", nanos / 1e9).replaceAll("\\.?0+$", "") + " s";
    }

    /** Seconds as a double, for tables and charts. */
    public static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
