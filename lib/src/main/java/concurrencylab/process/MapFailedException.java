package concurrencylab.process;

import concurrencylab.workload.TaskRecord;

import java.util.List;

/**
 * {@link WorkerPool#map} when a call failed: says which input and why, and keeps every result
 * (null where a call failed).
 *
 * <pre>{@code
 * try { pool.map(f, inputs, 1); } catch (MapFailedException e) { e.results(); }
 * }</pre>
 */
public final class MapFailedException extends RuntimeException {
    private final transient List<?> results;

    MapFailedException(TaskRecord failed, Object input, List<?> results) {
        super("call " + failed.index() + " (input " + input + ") failed in " + failed.worker() + ": " + failed.error(), failed.error());
        this.results = results;
    }

    /** Every result in input order, null for the calls that failed. */
    public List<?> results() {
        return results;
    }
}
