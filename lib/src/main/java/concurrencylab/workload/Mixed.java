package concurrencylab.workload;

import concurrencylab.Check;

import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Each task computes, then waits: seed 000's "CPU-bound operations intertwined with I/O".
 *
 * <pre>{@code
 * var mixed = Workloads.mixed(8, Duration.ofMillis(50), Duration.ofMillis(200));
 * mixed.idealTime(8, 2);   // max(1 wave x 250 ms, 8 x 50 ms / 2 cores + 200 ms) = 400 ms
 * }</pre>
 */
public final class Mixed implements Workload, NonBlocking {
    private final CpuBound cpu;
    private final Duration wait;

    public Mixed(CpuBound cpu, Duration wait) {
        this.cpu = Check.notNull("cpu", cpu);
        this.wait = Check.notNegative("wait", wait);
    }

    @Override
    public String description() {
        return cpu.tasks() + " tasks of " + Durations.format(cpu.perTask()) + " CPU + " + Durations.format(wait) + " wait";
    }

    @Override
    public int tasks() {
        return cpu.tasks();
    }

    @Override
    public Object runTask(int index) throws InterruptedException {
        Object result = cpu.runTask(index);
        Thread.sleep(wait);
        return result;
    }

    /**
     * On an event loop: the computation runs on the loop thread (holding every other task up), then
     * the wait is a timer. So the loop overlaps the waits but not the CPU work.
     */
    @Override
    public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        Object result = cpu.runTask(index);
        loop.after(wait, () -> done.accept(result, null));
    }

    /**
     * The larger of: the waves of whole tasks, and all the CPU spread over the usable cores followed by
     * one wait (the task that computes last still waits after it).
     */
    @Override
    public Duration idealTime(int workers, int cores) {
        Duration waves = cpu.perTask().plus(wait).multipliedBy(Durations.waves(tasks(), workers));
        Duration cpuBound = cpu.idealTime(workers, cores).plus(wait);
        return waves.compareTo(cpuBound) > 0 ? waves : cpuBound;
    }
}
