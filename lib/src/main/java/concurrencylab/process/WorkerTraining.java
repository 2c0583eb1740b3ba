package concurrencylab.process;

import concurrencylab.workload.Workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The training run behind the worker JVMs' AOT cache ({@code ./lab build} runs it): one worker does
 * what workers do (a workload in batches, a map of a function, a submitted task) and writes, as it
 * exits, the cache that later workers start from.
 *
 * <pre>{@code
 * java -Dconcurrencylab.worker.aot.output=build/kernel/worker.aot -cp <notebook class path> concurrencylab.process.WorkerTraining
 * }</pre>
 */
final class WorkerTraining {
    private WorkerTraining() {}

    public static void main(String[] args) throws Exception {
        String output = System.getProperty(ChildJvm.AOT_OUTPUT);
        if (output == null) {
            System.err.println("usage: java -D" + ChildJvm.AOT_OUTPUT + "=FILE -cp ... " + WorkerTraining.class.getName());
            System.exit(2);
        }
        Files.deleteIfExists(Path.of(output));
        try (var pool = WorkerPool.start(1)) {
            var work = Workloads.mixed(8, Duration.ofMillis(1), Duration.ofMillis(1));
            for (int chunk : new int[]{1, 4}) pool.run(work, chunk, System.nanoTime());
            List<Integer> inputs = IntStream.range(0, 200).boxed().toList();
            for (int chunk : new int[]{1, 50}) pool.map(x -> x * 2, inputs, chunk);
            pool.submit(() -> "trained").get();
        }
        if (!Files.isRegularFile(Path.of(output))) {
            System.err.println("the training worker wrote no AOT cache to " + output);
            System.exit(1);
        }
    }
}
