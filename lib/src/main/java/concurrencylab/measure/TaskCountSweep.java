package concurrencylab.measure;

import concurrencylab.Check;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.Workload;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The same strategies on workloads of growing size: how wall time grows with the number of tasks,
 * as for {@link concurrencylab.chart.Charts#timeVsTasks}. Each workload is made for its size, measured,
 * then closed.
 *
 * <pre>{@code
 * TaskCountSweep.Points points = Measurement.overTaskCounts(n -> Workloads.simulatedIo(n, Duration.ofMillis(20)), 10, 100, 1000)
 *         .repeats(1)
 *         .run(Strategies.fixedPool(8), Strategies.virtualThreads());
 * Charts.timeVsTasks(points);
 * }</pre>
 */
public final class TaskCountSweep {
    private final IntFunction<? extends Workload> workFor;
    private final int[] taskCounts;
    private int warmups = 1;
    private int repeats = 3;
    private Consumer<String> progress;

    TaskCountSweep(IntFunction<? extends Workload> workFor, int[] taskCounts) {
        this.workFor = Check.notNull("workFor", workFor);
        Check.notNull("taskCounts", taskCounts);
        if (taskCounts.length == 0) throw new IllegalArgumentException("taskCounts must list at least one count, got none");
        for (int i = 0; i < taskCounts.length; i++) Check.atLeast("taskCounts[" + i + "]", taskCounts[i], 1);
        this.taskCounts = taskCounts.clone();
    }

    /** Untimed runs per strategy and size (default 1). */
    public TaskCountSweep warmups(int count) {
        this.warmups = Check.atLeast("warmups", count, 0);
        return this;
    }

    /** Timed runs per strategy and size (default 3). */
    public TaskCountSweep repeats(int count) {
        this.repeats = Check.atLeast("repeats", count, 1);
        return this;
    }

    /** Where to report each finished run, as {@link Measurement#progress}. */
    public TaskCountSweep progress(Consumer<String> sink) {
        this.progress = Check.notNull("progress", sink);
        return this;
    }

    /** Measures every strategy at every size, smallest size first. */
    public Points run(Strategy... strategies) throws InterruptedException {
        List<Results> points = new ArrayList<>();
        for (int n : taskCounts) {
            try (Workload work = Check.notNull("the workload for " + n + " tasks", workFor.apply(n))) {
                if (work.tasks() != n) {
                    throw new IllegalArgumentException("workFor made " + work.tasks() + " tasks when asked for " + n);
                }
                Measurement m = Measurement.of(work).warmups(warmups).repeats(repeats);
                if (progress != null) m.progress(progress);
                points.add(m.run(strategies));
            }
        }
        return new Points(points);
    }

    /**
     * One {@link Results} per size, smallest first.
     *
     * <pre>{@code
     * points.table();          // every strategy at every size, one row each
     * }</pre>
     */
    public record Points(List<Results> sizes) {
        public Points {
            sizes = List.copyOf(sizes);
        }

        /** All rows of all sizes in one table (its "tasks" column tells the sizes apart). */
        public Table table() {
            Table all = null;
            for (Results r : sizes) {
                var t = r.table();
                all = all == null ? t.copy() : all.append(t);
            }
            return all.setName(sizes.getFirst().workload().replaceFirst("^\\d+ ", "") + ": time versus tasks, "
                    + sizes.getFirst().cores() + " cores");
        }
    }
}
