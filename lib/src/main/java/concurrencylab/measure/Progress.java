package concurrencylab.measure;

import concurrencylab.workload.TaskRecord;

import java.time.Duration;
import java.util.List;

/**
 * What a measurement shows in the notebook while it runs: a line per finished run and, after a timed
 * run, that run's tasks, which the kernel draws as a timeline of tasks per worker
 * ({@code Charts.timeline}). It is redrawn between timed runs, never during one: drawing takes the
 * CPU a run is measured on. A progress that carries the same {@code tasks} list as the one before shows
 * the same timeline, which a renderer need not draw again. Once the measurement ends only the lines stay.
 *
 * <pre>{@code
 * display.update(id, new Progress(lines, "fixed pool of 4, run 2/3: 0.61 s", run.tasks(), ideal));
 * }</pre>
 *
 * @param lines      one line per finished run so far
 * @param title      the timeline's title, or null when there is none to draw
 * @param tasks      the tasks of the run to draw, empty for none
 * @param idealBound the workload's ideal bound for the strategy's workers, drawn as a dashed line; null for none
 */
public record Progress(List<String> lines, String title, List<TaskRecord> tasks, Duration idealBound) {

    public Progress {
        lines = List.copyOf(lines);
        tasks = List.copyOf(tasks);
    }

    /** Lines only: what stays once the measurement has ended. */
    public static Progress lines(List<String> lines) {
        return new Progress(lines, null, List.of(), null);
    }

    /** True when there is a run to draw. */
    public boolean hasTimeline() {
        return title != null && !tasks.isEmpty();
    }

    /** The lines, as text. */
    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
