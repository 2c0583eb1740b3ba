package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * {@code IntStream.range(0, n).parallel()}: the tasks run on the common {@link ForkJoinPool} plus the
 * calling thread, so at most {@code commonPoolParallelism + 1} at once (2 on a 2-core machine).
 *
 * <pre>{@code
 * new ParallelStream().run(work, System.nanoTime());
 * }</pre>
 */
public record ParallelStream() implements Strategy {

    @Override
    public String name() {
        return "parallel stream";
    }

    @Override
    public int workers(Workload work) {
        return Math.min(work.tasks(), ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        List<TaskRecord> records = IntStream.range(0, work.tasks()).parallel()
                .mapToObj(i -> TaskRecord.run(work, i, originNanos)).toList();
        if (Thread.interrupted()) throw new InterruptedException("parallel stream interrupted");
        return records;
    }
}
