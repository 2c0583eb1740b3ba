package concurrencylab.strategy;

import concurrencylab.Check;
import concurrencylab.process.WorkerPool;
import concurrencylab.workload.Durations;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A pool of {@code workers} worker JVMs (separate processes), like Python's {@code Pool(k)}: started
 * once before the timed runs and reused; {@code chunkSize} tasks travel per message.
 *
 * <pre>{@code
 * Measurement.of(cpu).run(Strategies.fixedPool(2), Strategies.workerJvms(2));
 * }</pre>
 *
 * @param workers   worker processes, at least 1
 * @param chunkSize tasks per message, at least 1
 */
public record WorkerJvms(int workers, int chunkSize) implements Strategy {

    public WorkerJvms {
        Check.atLeast("workers", workers, 1);
        Check.atLeast("chunkSize", chunkSize, 1);
    }

    @Override
    public String name() {
        return workers + " worker JVMs" + (chunkSize == 1 ? "" : ", chunks of " + chunkSize);
    }

    @Override
    public int workers(Workload work) {
        return Math.min(workers, work.tasks());
    }

    @Override
    public void prepare(Workload work) {
        pool();
    }

    @Override
    public String setupNote() {
        return "JVMs started in " + Durations.format(pool().startupTime()) + ", not timed";
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        return pool().run(work, chunkSize, originNanos);
    }

    private WorkerPool pool() {
        try {
            return WorkerPool.shared(workers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + workers + " worker JVMs: " + e.getMessage(), e);
        }
    }
}
