package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * One new platform (operating-system) thread per task: what "a thread per request" cost before virtual
 * threads. Each thread has its own native stack, so at thousands of tasks creation and memory add up.
 *
 * <pre>{@code
 * Measurement.of(Workloads.simulatedIo(10_000, Duration.ofMillis(100))).run(new PlatformThreads(), new VirtualThreads());
 * }</pre>
 */
public record PlatformThreads() implements Strategy {

    @Override
    public String name() {
        return "platform threads";
    }

    @Override
    public int workers(Workload work) {
        return work.tasks();
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        var factory = Thread.ofPlatform().name("platform-", 1).factory();
        return ExecutorStrategy.runAll(Executors.newThreadPerTaskExecutor(factory), work, originNanos);
    }
}
