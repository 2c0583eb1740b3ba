package concurrencylab.bench;

import concurrencylab.measure.Measurement;
import concurrencylab.measure.Results;
import concurrencylab.process.JvmProcess;
import concurrencylab.process.ProcessPipe;
import concurrencylab.process.ProcessQueue;
import concurrencylab.process.SharedLong;
import concurrencylab.process.WorkerPool;
import concurrencylab.strategy.Strategies;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.SimulatedIo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the library's own costs, printed one figure per line ({@code name seconds}) for
 * {@code tools/library_benchmark.py}, which puts them next to Python's multiprocessing:
 * the harness's overhead per task for each strategy, the worker-JVM pool's start-up, and its
 * per-task round trip one task per message and batched. It lives with the tests, not in the jar
 * notebooks compile against; Maven compiles it to {@code lib/target/test-classes}, which the child
 * JVMs need on their class path too (they run its lambdas).
 *
 * <pre>{@code
 * ./lab bench-library     # builds, then runs this with the test classes on every JVM's class path
 * }</pre>
 */
public final class LibraryBenchmark {
    private LibraryBenchmark() {}

    private static final long WARM_UP_NANOS = 2_000_000_000L;

    public static void main(String[] args) throws Exception {
        int tasks = 20_000;
        var noop = new SimulatedIo(tasks, Duration.ZERO); // tasks that do nothing: what is left is overhead
        Strategy[] strategies = {Strategies.sequential(), Strategies.fixedPool(4), Strategies.virtualThreads(),
                Strategies.forkJoin(4), Strategies.completableFutures(4), Strategies.eventLoop()};
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
                double[] per = new double[9];
                // Per-task cost in steady state: first let both sides' JIT compile the path (a second of
                // calls), as a long map would; the first calls cost more while the compiler works.
                for (long end = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < end; ) pool.run(work, chunk, System.nanoTime());
                for (int i = 0; i < per.length; i++) {
                    long t0 = System.nanoTime();
                    pool.run(work, chunk, t0);
                    per[i] = (System.nanoTime() - t0) / 1e9 / n;
                }
                Arrays.sort(per);
                System.out.printf("round_trip[chunk %d] %.9f%n", chunk, per[per.length / 2]);
            }
        }
        crossProcess();
        System.exit(0);
    }

    /** Queue throughput, pipe round trip, and shared-counter increments with their lost updates. */
    private static void crossProcess() throws Exception {
        int items = 20_000;
        try (ProcessQueue<Integer> queue = ProcessQueue.create()) {
            var producer = JvmProcess.start(() -> {
                for (int round = 0; round < 3; round++) { // the first rounds warm up both JVMs' JIT
                    for (int i = 0; i < items; i++) queue.put(i);
                    queue.putEnd();
                }
            });
            while (queue.take() != null) { /* round 1 */ }
            while (queue.take() != null) { /* round 2 */ }
            queue.take(); // round 3 runs: time from here
            long t0 = System.nanoTime();
            int got = 1;
            while (queue.take() != null) got++;
            System.out.printf("queue_per_item %.9f%n", (System.nanoTime() - t0) / 1e9 / (got - 1));
            producer.join();
        }
        try (var pipe = ProcessPipe.open()) {
            var childEnd = pipe.childEnd();
            var echo = JvmProcess.start(() -> {
                for (Object m; !((m = childEnd.receive()) instanceof String); ) childEnd.send(m);
            });
            var end = pipe.parentEnd();
            int trips = 5_000;
            for (int i = 0; i < 20_000; i++) { end.send(i); end.receive(); } // warm both JVMs' JIT
            long t0 = System.nanoTime();
            for (int i = 0; i < trips; i++) { end.send(i); end.receive(); }
            System.out.printf("pipe_round_trip %.9f%n", (System.nanoTime() - t0) / 1e9 / trips);
            end.send("stop");
            echo.join();
        }
        for (String how : new String[]{"plain", "atomic", "lock"}) {
            int perChild = how.equals("lock") ? 200_000 : 2_000_000;
            try (var counter = SharedLong.create(0); var gate = SharedLong.create(0); var loopNanos = SharedLong.create(0)) {
                List<JvmProcess> children = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    children.add(JvmProcess.start(() -> {
                        gate.getAndAdd(1);
                        while (gate.get() < 2) Thread.onSpinWait();
                        long t0 = System.nanoTime();
                        for (int i = 0; i < perChild; i++) {
                            switch (how) {
                                case "plain" -> counter.set(counter.get() + 1);
                                case "atomic" -> counter.getAndAdd(1);
                                default -> {
                                    try (var held = counter.lock()) {
                                        counter.set(counter.get() + 1);
                                    }
                                }
                            }
                        }
                        long mine = System.nanoTime() - t0;
                        for (long seen; (seen = loopNanos.get()) < mine && !loopNanos.compareAndSet(seen, mine); ) {
                            Thread.onSpinWait(); // keep the slower child's time
                        }
                    }));
                }
                for (JvmProcess c : children) c.join();
                long total = 2L * perChild;
                System.out.printf("counter_per_increment[%s] %.9f%n", how, loopNanos.get() / 1e9 / total);
                System.out.printf("counter_lost[%s] %d%n", how, total - counter.get());
            }
        }
    }
}
