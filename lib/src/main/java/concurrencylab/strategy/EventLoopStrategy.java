package concurrencylab.strategy;

import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * asyncio's model in Java: one thread, one {@link EventLoop}, every task started at once. Workloads
 * that are {@link NonBlocking} (waits, loopback HTTP with a {@code Selector}, files with
 * {@code AsynchronousFileChannel}) overlap all their waits on that one thread. Any other workload
 * runs its blocking {@code runTask} on the loop thread, so its tasks run one at a time: the stall
 * that one blocking call inside a coroutine causes.
 *
 * <pre>{@code
 * Measurement.of(Workloads.network(100, Duration.ofMillis(50))).run(Strategies.eventLoop());  // about 50 ms
 * }</pre>
 */
public record EventLoopStrategy() implements Strategy {
    /** The worker name of every task: they all run on the loop's one thread. */
    public static final String WORKER = "event loop";

    @Override
    public String name() {
        return "event loop";
    }

    /** Non-blocking workloads have all their tasks in flight at once; blocking ones one at a time. */
    @Override
    public int workers(Workload work) {
        return work instanceof NonBlocking ? work.tasks() : 1;
    }

    /** Every task's computing runs on the loop's one thread, however many tasks wait at once. */
    @Override
    public int computingCores(int cores) {
        return 1;
    }

    @Override
    public List<TaskRecord> run(Workload work, long originNanos) throws InterruptedException {
        TaskRecord[] records = new TaskRecord[work.tasks()];
        try (var loop = new EventLoop()) {
            loop.expect(work.tasks());
            for (int i = 0; i < work.tasks(); i++) {
                int index = i;
                if (work instanceof NonBlocking async) {
                    loop.execute(() -> start(async, index, loop, originNanos, records));
                } else {
                    // A blocking task on the loop thread: nothing else runs until it returns.
                    loop.execute(() -> {
                        TaskRecord r = TaskRecord.run(work, index, originNanos);
                        records[index] = new TaskRecord(index, r.startNanos(), r.endNanos(), WORKER, r.result(), r.error());
                        loop.done();
                    });
                }
            }
            loop.runUntilDone();
        }
        return new ArrayList<>(Arrays.asList(records));
    }

    private static void start(NonBlocking work, int index, EventLoop loop, long originNanos, TaskRecord[] records) {
        long start = System.nanoTime();
        boolean[] finished = {false};
        try {
            work.start(index, loop, (result, error) -> {
                if (finished[0]) return; // a task reports once
                finished[0] = true;
                records[index] = new TaskRecord(index, start - originNanos, System.nanoTime() - originNanos, WORKER, result, error);
                loop.done();
            });
        } catch (RuntimeException | Error e) {
            if (finished[0]) throw e;
            finished[0] = true;
            records[index] = new TaskRecord(index, start - originNanos, System.nanoTime() - originNanos, WORKER, null, e);
            loop.done();
        }
    }
}
