package concurrencylab.strategy;

import concurrencylab.Check;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

/**
 * {@code CompletableFuture.supplyAsync} for every task, then {@code allOf(...).join()}: Java's
 * {@code asyncio.gather}. On a fixed pool of {@code threads}, or with {@code threads == 0} on the
 * common pool, whose parallelism is cores - 1: one thread on a 2-core machine, so blocking tasks
 * there run one at a time.
 *
 * <pre>{@code
 * CompletableFutures.onPool(8).run(work, System.nanoTime());
 * CompletableFutures.onCommonPool().run(work, System.nanoTime());
 * }</pre>
 *
 * @param threads pool size, or 0 for the common pool
 */
public record CompletableFutures(int threads) implements Strategy {

    public CompletableFutures {
        Check.atLeast("threads", threads, 0);
    }

    /** supplyAsync on a fixed pool of {@code threads}. */
    public static CompletableFutures onPool(int threads) {
        return new CompletableFutures(Check.atLeast("threads", threads, 1));
    }

    /** supplyAsync without an executor: the common ForkJoinPool. */
    public static CompletableFutures onCommonPool() {
        return new CompletableFutures(0);
    }

    @Override
    public String name() {
        return threads == 0 ? "CompletableFuture, common pool" : "CompletableFuture, pool of " + threads;
    }

    @Override
    public int workers(Workload work) {
        int k = threads == 0 ? ForkJoinPool.getCommonPoolParallelism() : threads;
        return Math.min(k, work.tasks());
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        ExecutorService pool = threads == 0 ? null
                : Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("cf-worker-", 1).daemon(true).factory());
        try {
            List<CompletableFuture<TaskRecord>> futures = new ArrayList<>();
            for (int i = 0; i < work.tasks(); i++) {
                int index = i;
                futures.add(pool == null
                        ? CompletableFuture.supplyAsync(() -> TaskRecord.run(work, index, originNanos))
                        : CompletableFuture.supplyAsync(() -> TaskRecord.run(work, index, originNanos), pool));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
            List<TaskRecord> records = new ArrayList<>();
            for (var f : futures) records.add(f.get());
            return records;
        } catch (ExecutionException e) {
            throw new IllegalStateException("task recorder failed", e.getCause());
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }
}
