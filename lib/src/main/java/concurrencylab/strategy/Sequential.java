package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain loop: every task in the calling thread, one after another.
 *
 * <pre>{@code
 * new Sequential().run(work, System.nanoTime());
 * }</pre>
 */
public record Sequential() implements Strategy {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public int workers(Workload work) {
        return 1;
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        List<TaskRecord> records = new ArrayList<>(work.tasks());
        for (int i = 0; i < work.tasks(); i++) {
            if (Thread.interrupted()) throw new InterruptedException("sequential run interrupted before task " + i);
            records.add(TaskRecord.run(work, i, originNanos));
        }
        return records;
    }
}
