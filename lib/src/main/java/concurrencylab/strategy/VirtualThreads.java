package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * One virtual thread per task: every task starts at once; waiting tasks cost almost nothing.
 *
 * <pre>{@code
 * new VirtualThreads().run(work, System.nanoTime());
 * }</pre>
 */
public record VirtualThreads() implements Strategy {

    @Override
    public String name() {
        return "virtual threads";
    }

    @Override
    public int workers(Workload work) {
        return work.tasks();
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        var factory = Thread.ofVirtual().name("virtual-", 1).factory();
        return ExecutorStrategy.runAll(Executors.newThreadPerTaskExecutor(factory), work, originNanos);
    }
}
