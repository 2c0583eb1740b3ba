package concurrencylab.strategy;

import concurrencylab.Check;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * A {@link ForkJoinPool} of {@code parallelism} worker threads running every task.
 *
 * <pre>{@code
 * new ForkJoin(2).run(work, System.nanoTime());
 * }</pre>
 *
 * @param parallelism worker threads, at least 1
 */
public record ForkJoin(int parallelism) implements Strategy {

    public ForkJoin {
        Check.atLeast("parallelism", parallelism, 1);
    }

    @Override
    public String name() {
        return "fork/join pool of " + parallelism;
    }

    @Override
    public int workers(Workload work) {
        return Math.min(parallelism, work.tasks());
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        return ExecutorStrategy.runAll(new ForkJoinPool(parallelism), work, originNanos);
    }
}
