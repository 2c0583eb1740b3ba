package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs every task as one {@link Callable} on a fresh executor, closed (and so joined) at the end. */
final class ExecutorStrategy {
    private ExecutorStrategy() {}

    static List<TaskRecord> runAll(ExecutorService executor, Workload work, long originNanos) throws InterruptedException {
        try (executor) {
            List<Callable<TaskRecord>> calls = new ArrayList<>(work.tasks());
            for (int i = 0; i < work.tasks(); i++) {
                int index = i;
                calls.add(() -> TaskRecord.run(work, index, originNanos));
            }
            List<TaskRecord> records = new ArrayList<>(work.tasks());
            try {
                for (Future<TaskRecord> f : executor.invokeAll(calls)) {
                    records.add(f.get());
                }
            } catch (InterruptedException e) {
                executor.shutdownNow(); // stop the waits now, not when they end
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("task recorder failed", e.getCause()); // TaskRecord.run catches task errors
            }
            return records;
        }
    }
}
