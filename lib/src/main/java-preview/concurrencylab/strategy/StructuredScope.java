package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Every task forked as a subtask of one {@link StructuredTaskScope} (a preview API in Java 25), on
 * virtual threads. The scope's shape is the point: no subtask outlives the block, and interrupting
 * the owner cancels them all.
 *
 * <p>This class is compiled with {@code --enable-preview}; get it through
 * {@link Strategies#structuredTaskScope()}, which says in one line what to do when preview features
 * are off.
 *
 * <pre>{@code
 * Measurement.of(Workloads.simulatedIo(100, Duration.ofMillis(50))).run(Strategies.structuredTaskScope());
 * }</pre>
 */
public record StructuredScope() implements Strategy {

    @Override
    public String name() {
        return "structured scope";
    }

    @Override
    public int workers(Workload work) {
        return work.tasks();
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        var threads = Thread.ofVirtual().name("scope-", 1).factory();
        // awaitAll: TaskRecord.run keeps each task's error in its record, so no subtask fails the scope.
        try (var scope = StructuredTaskScope.open(StructuredTaskScope.Joiner.<TaskRecord>awaitAll(),
                config -> config.withThreadFactory(threads))) {
            List<Subtask<TaskRecord>> subtasks = new ArrayList<>(work.tasks());
            for (int i = 0; i < work.tasks(); i++) {
                int index = i;
                subtasks.add(scope.fork(() -> TaskRecord.run(work, index, originNanos)));
            }
            scope.join();
            List<TaskRecord> records = new ArrayList<>(work.tasks());
            for (Subtask<TaskRecord> subtask : subtasks) records.add(subtask.get());
            return records;
        }
    }
}
