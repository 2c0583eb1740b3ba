package concurrencylab.workload;

import concurrencylab.Check;
import concurrencylab.jvm.JitCompiler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code tasks} tasks of pure computation: {@code iterations} steps of a 64-bit mixing function. Each
 * task's result is checked against the first time that task ran, so the JIT cannot drop the work and a
 * strategy that garbles results is caught.
 *
 * <pre>{@code
 * var cpu = Workloads.cpu(8, Duration.ofMillis(100));   // about 100 ms of CPU per task on this machine
 * cpu.idealTime(4, 2);                                  // 8 x 100 ms / min(4, 2) cores = 400 ms
 * }</pre>
 */
public final class CpuBound implements Workload {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final int tasks;
    private final long iterations;
    private final Duration perTask;
    private transient ConcurrentMap<Integer, Long> expected = new ConcurrentHashMap<>();

    private Object readResolve() {
        expected = new ConcurrentHashMap<>(); // each JVM checks its own repeats
        return this;
    }

    /**
     * @param tasks      number of tasks, at least 1
     * @param iterations mixing steps per task, at least 1
     * @param perTask    the CPU time one task takes on this machine (see {@link #calibrated})
     */
    public CpuBound(int tasks, long iterations, Duration perTask) {
        this.tasks = Check.atLeast("tasks", tasks, 1);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        this.iterations = iterations;
        this.perTask = Check.notNegative("perTask", perTask);
    }

    /**
     * Tasks of about {@code cpuPerTask} of CPU time each on this machine. The first calibration in a JVM
     * warms the loop up, waits for the JIT compiler to work off its queue (in a kernel that has just
     * compiled cells, the loop would otherwise be timed before its optimised form runs, and the tasks come
     * out shorter than asked), then keeps the fastest of a few probes; later calibrations reuse that rate.
     * Probes are timed by this thread's CPU clock where the JVM has one, so that a busy machine (other
     * processes taking turns on the cores) makes the tasks take longer, not fewer steps.
     */
    public static CpuBound calibrated(int tasks, Duration cpuPerTask) {
        Check.atLeast("tasks", tasks, 1);
        Check.notNegative("cpuPerTask", cpuPerTask);
        if (cpuPerTask.toNanos() < 100_000) {
            throw new IllegalArgumentException("cpuPerTask must be at least 100 us to be measurable, got " + Durations.format(cpuPerTask));
        }
        long iterations = Math.max(1, (long) (cpuPerTask.toNanos() / nanosPerIteration()));
        return new CpuBound(tasks, iterations, cpuPerTask);
    }

    private static volatile double nanosPerIteration;

    /** CPU nanoseconds one mixing step takes in this JVM, its loop optimised; measured once. */
    static double nanosPerIteration() {
        double known = nanosPerIteration;
        if (known > 0) return known;
        synchronized (CpuBound.class) {
            if (nanosPerIteration > 0) return nanosPerIteration;
            long probe = 2_000_000;
            for (int i = 0; i < 5; i++) mix(i, probe); // hot enough for the JIT to compile the loop
            try {
                JitCompiler.awaitQuiet();               // and let it finish doing so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calibrating the CPU work", e);
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = cpuNanos();
                mix(i, probe);
                best = Math.min(best, Math.max(1, cpuNanos() - t0));
            }
            nanosPerIteration = (double) best / probe;
            return nanosPerIteration;
        }
    }

    /** This thread's CPU time in ns, or the wall clock on a JVM that cannot measure it. */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The work of one task: {@code n} rounds of a 64-bit mix seeded by the task index. */
    static long mix(long seed, long n) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (long i = 0; i < n; i++) {
            x ^= x >>> 31;
            x *= 0xBF58476D1CE4E5B9L;
            x ^= x >>> 29;
        }
        return x;
    }

    /** Mixing steps per task. */
    public long iterations() {
        return iterations;
    }

    /** CPU time of one task on this machine. */
    public Duration perTask() {
        return perTask;
    }

    @Override
    public String description() {
        return tasks + " CPU tasks of " + Durations.format(perTask);
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public Object runTask(int index) {
        long result = mix(index, iterations);
        Long first = expected.putIfAbsent(index, result);
        if (first != null && first != result) {
            throw new IllegalStateException("task " + index + " computed " + result + ", but " + first + " before");
        }
        return result;
    }

    /** Total CPU divided by the cores that can work at once: n x perTask / min(k, c), and never less than one task. */
    @Override
    public Duration idealTime(int workers, int cores) {
        int parallel = Math.max(1, Math.min(Check.atLeast("workers", workers, 1), Check.atLeast("cores", cores, 1)));
        Duration spread = perTask.multipliedBy(tasks).dividedBy(parallel);
        Duration waves = perTask.multipliedBy(Durations.waves(tasks, workers));
        return spread.compareTo(waves) > 0 ? spread : waves;
    }
}
