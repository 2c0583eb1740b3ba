package concurrencylab.measure;

import concurrencylab.strategy.Sequential;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.TaskRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything a {@link Measurement} measured: one {@link Measured} per strategy, in the order given.
 *
 * <pre>{@code
 * Results results = Measurement.of(work).run(sequential, pool);
 * results.table();                 // strategy, workers, wall, speed-up, ideal, cores busy...
 * results.of(pool).medianWall();
 * }</pre>
 *
 * @param workload  the workload's description
 * @param tasks     how many tasks each run executed
 * @param cores     available processors during the measurement
 * @param noiseLimit the spread above which a row is flagged as noisy
 * @param measured  one entry per strategy
 */
public record Results(String workload, int tasks, int cores, double noiseLimit, List<Measured> measured) {

    public Results {
        measured = List.copyOf(measured);
    }

    /** The measurement of {@code strategy} (matched by name). */
    public Measured of(Strategy strategy) {
        return of(strategy.name());
    }

    /** The measurement of the strategy called {@code name}. */
    public Measured of(String name) {
        return measured.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no strategy named '" + name + "' was measured; measured: "
                        + measured.stream().map(Measured::name).collect(Collectors.joining(", "))));
    }

    /**
     * The speed-up baseline: the median wall time in seconds of the first {@link Sequential} strategy
     * measured, found by its kind, not its name, which a notebook's own strategy may share; NaN when
     * none was measured.
     */
    private double sequentialSeconds() {
        return measured.stream().filter(m -> m.strategy() instanceof Sequential).findFirst()
                .map(m -> m.medianWall().toNanos() / 1e9).orElse(Double.NaN);
    }

    /**
     * The results as a table: strategy, workers, tasks, median wall (s), spread (%), speed-up over
     * sequential, ideal bound (s), efficiency (ideal / measured), cores busy, and a note for noisy
     * rows and failed tasks.
     */
    public Table table() {
        var strategy = StringColumn.create("strategy");
        var workers = IntColumn.create("workers");
        var taskCount = IntColumn.create("tasks");
        var wall = DoubleColumn.create("wall (s)");
        var spread = DoubleColumn.create("spread (%)");
        var speedUp = DoubleColumn.create("speed-up");
        var ideal = DoubleColumn.create("ideal (s)");
        var efficiency = DoubleColumn.create("efficiency");
        var busy = DoubleColumn.create("cores busy");
        var note = StringColumn.create("note");
        double seq = sequentialSeconds();
        for (Measured m : measured) {
            double seconds = m.medianWall().toNanos() / 1e9;
            strategy.append(m.name());
            workers.append(m.workers());
            taskCount.append(tasks);
            wall.append(round(seconds, 3));
            spread.append(round(100 * m.spread(), 1));
            speedUp.append(round(seq / seconds, 2));
            ideal.append(round(m.ideal().toNanos() / 1e9, 3));
            efficiency.append(round(m.efficiency(), 2));
            busy.append(round(m.coresBusy(), 2));
            note.append(note(m));
        }
        return Table.create(workload + " on " + cores + " cores", strategy, workers, taskCount, wall, spread,
                speedUp, ideal, efficiency, busy, note);
    }

    private String note(Measured m) {
        StringBuilder s = new StringBuilder(m.strategy().setupNote());
        if (m.runs().size() > 1 && m.spread() > noiseLimit) {
            if (!s.isEmpty()) s.append("; ");
            s.append(String.format("noisy: runs spread %.0f%% (limit %.0f%%)", 100 * m.spread(), 100 * noiseLimit));
        }
        List<TaskRecord> failed = m.medianRun().failures();
        if (!failed.isEmpty()) {
            if (!s.isEmpty()) s.append("; ");
            TaskRecord first = failed.getFirst();
            s.append(failed.size()).append(" task(s) failed, first: task ").append(first.index()).append(": ")
                    .append(first.error());
        }
        return s.toString();
    }

    private static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return value;
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
