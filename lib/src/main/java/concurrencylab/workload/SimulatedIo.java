package concurrencylab.workload;

import concurrencylab.Check;

import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * {@code tasks} tasks that each wait {@code latency}, as {@code time.sleep(2)} does in the seed:
 * pure waiting, no CPU, so any number of waiting workers overlap.
 *
 * <pre>{@code
 * var work = new SimulatedIo(10, Duration.ofSeconds(2));
 * work.idealTime(4, 2);   // PT6S: three waves of 2 s, not "about 5 s"
 * }</pre>
 *
 * @param tasks   number of tasks, at least 1
 * @param latency how long each task waits, zero or more
 */
public record SimulatedIo(int tasks, Duration latency) implements Workload, NonBlocking {

    public SimulatedIo {
        Check.atLeast("tasks", tasks, 1);
        Check.notNegative("latency", latency);
    }

    @Override
    public String description() {
        return tasks + " waits of " + Durations.format(latency);
    }

    @Override
    public Object runTask(int index) throws InterruptedException {
        if (latency.isZero()) return index; // sleep(0) is a sched_yield that lets other processes run first
        Thread.sleep(latency);
        return index;
    }

    /** On an event loop: a timer, as {@code await asyncio.sleep(latency)}. */
    @Override
    public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        loop.after(latency, () -> done.accept(index, null));
    }

    @Override
    public Duration idealTime(int workers, int cores) {
        return latency.multipliedBy(Durations.waves(tasks, workers));
    }
}
