package concurrencylab.strategy;

import concurrencylab.Check;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * A fixed pool of {@code threads} platform threads, as {@code Pool(4)} or {@code ThreadPoolExecutor(4)}
 * in the seeds: at most {@code threads} tasks run at once, the rest wait their turn in waves.
 *
 * <pre>{@code
 * new FixedThreadPool(4).run(work, System.nanoTime());
 * }</pre>
 *
 * @param threads pool size, at least 1
 */
public record FixedThreadPool(int threads) implements Strategy {

    public FixedThreadPool {
        Check.atLeast("threads", threads, 1);
    }

    @Override
    public String name() {
        return "fixed pool of " + threads;
    }

    @Override
    public int workers(Workload work) {
        return Math.min(threads, work.tasks());
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        var factory = Thread.ofPlatform().name("pool-worker-", 1).daemon(true).factory();
        return ExecutorStrategy.runAll(Executors.newFixedThreadPool(threads, factory), work, originNanos);
    }
}
