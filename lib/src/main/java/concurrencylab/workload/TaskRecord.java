package concurrencylab.workload;

import concurrencylab.workload.Workload;

import java.time.Duration;

/**
 * What happened to one task in one run: when it started and ended (relative to the run's start),
 * on which worker, and its result or error.
 *
 * <pre>{@code
 * TaskRecord r = run.tasks().get(0);
 * r.worker();            // "pool-worker-2"
 * r.duration();          // PT0.2003S
 * }</pre>
 *
 * @param index       the task's index in its workload
 * @param startNanos  start, in nanoseconds after the run started
 * @param endNanos    end, in nanoseconds after the run started
 * @param worker      the thread (or process) that ran it
 * @param result      what the task returned, null when it failed
 * @param error       what the task threw, null when it succeeded
 */
public record TaskRecord(int index, long startNanos, long endNanos, String worker, Object result, Throwable error) {

    /** How long the task ran. */
    public Duration duration() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    /** True when the task threw. */
    public boolean failed() {
        return error != null;
    }

    /** Runs task {@code index} of {@code work} in the calling thread, recording times against {@code originNanos}. */
    public static TaskRecord run(Workload work, int index, long originNanos) {
        String worker = Thread.currentThread().getName();
        long start = System.nanoTime();
        Object result = null;
        Throwable error = null;
        try {
            result = work.runTask(index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the interrupt for the strategy to see
            error = e;
        } catch (Exception | Error e) {
            error = e;
        }
        return new TaskRecord(index, start - originNanos, System.nanoTime() - originNanos, worker, result, error);
    }
}
