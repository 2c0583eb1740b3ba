package concurrencylab.measure;

import concurrencylab.strategy.Strategy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The repeated runs of one strategy on one workload, and the figures a table shows for them.
 *
 * <pre>{@code
 * Measured pool = results.of(Strategies.fixedPool(4));
 * pool.medianWall();   // PT0.602S
 * pool.spread();       // 0.01: the runs agree within 1 %
 * }</pre>
 *
 * @param strategy the strategy measured
 * @param workers  how many tasks it ran at once
 * @param ideal    the workload's ideal bound for that many workers on this machine
 * @param runs     the timed runs (warm-up runs excluded), at least one
 */
public record Measured(Strategy strategy, int workers, Duration ideal, List<Run> runs) {

    public Measured {
        if (runs.isEmpty()) throw new IllegalArgumentException("runs must not be empty");
        runs = List.copyOf(runs);
    }

    /** The strategy's name. */
    public String name() {
        return strategy.name();
    }

    /** The run with the median wall time (the lower middle one for an even count). */
    public Run medianRun() {
        List<Run> sorted = runs.stream().sorted(Comparator.comparing(Run::wall)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The median wall time. */
    public Duration medianWall() {
        List<Duration> sorted = runs.stream().map(Run::wall).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    /** (slowest - fastest) / median: 0 for a single run. */
    public double spread() {
        long min = runs.stream().mapToLong(r -> r.wall().toNanos()).min().orElseThrow();
        long max = runs.stream().mapToLong(r -> r.wall().toNanos()).max().orElseThrow();
        return (double) (max - min) / medianWall().toNanos();
    }

    /** Ideal bound divided by the median wall time: 1.0 means the strategy reached the limit. */
    public double efficiency() {
        return (double) ideal.toNanos() / medianWall().toNanos();
    }

    /** Median of the runs' cores busy. */
    public double coresBusy() {
        return medianRun().coresBusy();
    }
}
