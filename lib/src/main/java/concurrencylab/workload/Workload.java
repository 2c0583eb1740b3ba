package concurrencylab.workload;

import java.io.Serializable;
import java.time.Duration;

/**
 * A fixed number of independent tasks, the unit of work every strategy runs.
 *
 * <p>A workload also knows its ideal bound: the shortest wall time any strategy with {@code workers}
 * workers on {@code cores} cores could reach, so that charts can show how far a measurement is from
 * the limit. Workloads are serializable so that worker JVMs can run their tasks.
 *
 * <pre>{@code
 * Workload work = Workloads.simulatedIo(10, Duration.ofMillis(200));
 * Object first = work.runTask(0);                           // waits 200 ms
 * Duration best = work.idealTime(4, 2);                     // ceil(10/4) x 200 ms = 600 ms
 * }</pre>
 */
public interface Workload extends AutoCloseable, Serializable {

    /** A short description for titles and tables, such as {@code "10 waits of 200 ms"}. */
    String description();

    /** How many tasks one run executes; at least 1. */
    int tasks();

    /**
     * Runs task {@code index} (0-based) in the calling thread and returns its result.
     *
     * @throws Exception whatever the task throws; strategies record it against the task's index
     */
    Object runTask(int index) throws Exception;

    /** The lower bound on wall time for {@code workers} concurrent workers on {@code cores} cores. */
    Duration idealTime(int workers, int cores);

    /** Releases what the workload holds (temporary files, servers); the default holds nothing. */
    @Override
    default void close() {}
}
