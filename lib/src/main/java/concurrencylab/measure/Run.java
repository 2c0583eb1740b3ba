package concurrencylab.measure;

import concurrencylab.workload.TaskRecord;

import java.time.Duration;
import java.util.List;

/**
 * One timed run of a workload under a strategy.
 *
 * <pre>{@code
 * Run run = results.of(pool).medianRun();
 * run.wall();        // PT0.61S
 * run.coresBusy();   // 0.02: waiting keeps no core busy
 * }</pre>
 *
 * @param wall  wall-clock time from the first task's submission to the last task's end
 * @param cpu   CPU time the whole JVM used meanwhile (all threads)
 * @param tasks one record per task, in task order
 */
public record Run(Duration wall, Duration cpu, List<TaskRecord> tasks) {

    public Run {
        tasks = List.copyOf(tasks);
    }

    /** CPU time divided by wall time: how many cores were busy on average. */
    public double coresBusy() {
        return wall.isZero() ? 0 : (double) cpu.toNanos() / wall.toNanos();
    }

    /** The tasks that threw. */
    public List<TaskRecord> failures() {
        return tasks.stream().filter(TaskRecord::failed).toList();
    }
}
