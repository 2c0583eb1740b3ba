package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.List;

/**
 * A way to run all tasks of a workload: one after another, on a pool of threads, on virtual threads...
 * Every strategy runs the same {@link Workload}, so their measurements compare like with like.
 *
 * <pre>{@code
 * Strategy pool = Strategies.fixedPool(4);
 * List<TaskRecord> tasks = pool.run(Workloads.simulatedIo(10, Duration.ofMillis(200)), System.nanoTime());
 * }</pre>
 */
public interface Strategy {

    /** The name shown in tables and charts, such as {@code "fixed pool of 4"}. */
    String name();

    /** How many tasks of {@code work} this strategy runs at the same time. */
    int workers(Workload work);

    /**
     * How many of the machine's {@code cores} this strategy's tasks can compute on at once, for the ideal
     * bound: all of them, unless its threads are fewer (an event loop computes on its one thread).
     */
    default int computingCores(int cores) {
        return cores;
    }

    /**
     * Runs every task of {@code work} and returns one record per task, in task order. A task that
     * throws is recorded with its error; the other tasks still run.
     *
     * @param originNanos the {@link System#nanoTime()} that task times are measured from
     * @throws InterruptedException when the calling thread is interrupted; the strategy's threads are stopped
     */
    List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException;

    /** Gets ready before the timed runs (start worker JVMs, say); what it costs is not timed. */
    default void prepare(Workload work) {}

    /** A note for the results table about set-up costs kept out of the timings; empty when none. */
    default String setupNote() {
        return "";
    }
}
