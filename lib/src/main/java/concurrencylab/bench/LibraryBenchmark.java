package concurrencylab.bench;

import concurrencylab.measure.Measurement;
import concurrencylab.measure.Results;
import concurrencylab.process.WorkerPool;
import concurrencylab.strategy.Strategies;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.SimulatedIo;

import java.time.Duration;
import java.util.Arrays;

/**
 * Measures the library's own costs, printed one figure per line ({@code name seconds}) for
 * {@code tools/library_benchmark.py}, which puts them next to Python's multiprocessing:
 * the harness's overhead per task for each strategy, the worker-JVM pool's start-up, and its
 * per-task round trip one task per message and batched.
 *
 * <pre>{@code
 * java -cp <library class path> concurrencylab.bench.LibraryBenchmark
 * }</pre>
 */
public final class LibraryBenchmark {
    private LibraryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tasks = 20_000;
        var noop = new SimulatedIo(tasks, Duration.ZERO); // tasks that do nothing: what is left is overhead
        Strategy[] strategies = {Strategies.sequential(), Strategies.fixedPool(4), Strategies.virtualThreads(),
                Strategies.forkJoin(4), Strategies.completableFutures(4)};
        Results r = Measurement.of(noop).warmups(2).repeats(5).progress(s -> {}).run(strategies);
        for (Strategy s : strategies) {
            System.out.printf("overhead_per_task[%s] %.9f%n", s.name(), r.of(s).medianWall().toNanos() / 1e9 / tasks);
        }
        for (int k : new int[]{4, 16}) {
            double[] starts = new double[3];
            for (int i = 0; i < starts.length; i++) {
                try (var pool = WorkerPool.start(k)) {
                    starts[i] = pool.startupTime().toNanos() / 1e9;
                }
            }
            Arrays.sort(starts);
            System.out.printf("pool_start[%d] %.6f%n", k, starts[1]);
        }
        try (var pool = WorkerPool.start(4)) {
            int n = 4_000;
            var work = new SimulatedIo(n, Duration.ZERO);
            for (int chunk : new int[]{1, 100}) {
                double[] per = new double[5];
                for (int w = 0; w < 10; w++) pool.run(work, chunk, System.nanoTime()); // warm the workers' JIT too
                for (int i = 0; i < per.length; i++) {
                    long t0 = System.nanoTime();
                    pool.run(work, chunk, t0);
                    per[i] = (System.nanoTime() - t0) / 1e9 / n;
                }
                Arrays.sort(per);
                System.out.printf("round_trip[chunk %d] %.9f%n", chunk, per[2]);
            }
        }
        System.exit(0);
    }
}
