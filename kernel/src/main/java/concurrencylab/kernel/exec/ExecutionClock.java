package concurrencylab.kernel.exec;

import concurrencylab.measure.CpuClock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time cell code has spent running, JShell's compiling excluded, for {@code %time}: wall time always;
 * CPU time (of the JVM's threads but the JIT compiler's, and of its child processes) and the JIT
 * compiler's CPU time only while a {@link #countingCpu()} handle is open: a CPU reading scans every
 * process for the JVM's children, which a short cell would feel.
 *
 * <pre>{@code
 * try (var counting = clock.countingCpu()) {
 *     long[] before = clock.read();   // wall, CPU, JIT compiler CPU
 *     ...run cell code...
 *     long[] after = clock.read();
 * }
 * }</pre>
 */
public final class ExecutionClock {
    private final AtomicLong wallNanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong compilerCpuNanos = new AtomicLong();
    private final AtomicInteger cpuUsers = new AtomicInteger();

    /** One run of cell code being timed. */
    final class Run {
        // CPU first: a reading takes a while, which the wall time must not count.
        private final CpuClock.Sample cpu0 = cpuUsers.get() > 0 ? CpuClock.now() : null;
        private final long wall0 = System.nanoTime();

        void end() {
            wallNanos.addAndGet(System.nanoTime() - wall0);
            if (cpu0 != null) {
                var used = CpuClock.now().minus(cpu0);
                cpuNanos.addAndGet(used.programNanos());
                compilerCpuNanos.addAndGet(used.compilerNanos());
            }
        }
    }

    /** Starts timing a run of cell code; {@link Run#end()} adds it up. */
    Run start() {
        return new Run();
    }

    /** Wall, CPU and JIT-compiler CPU nanoseconds of cell code so far. */
    public long[] read() {
        return new long[]{wallNanos.get(), cpuNanos.get(), compilerCpuNanos.get()};
    }

    /** Counts CPU time too until the returned handle is closed. */
    public AutoCloseable countingCpu() {
        cpuUsers.incrementAndGet();
        return cpuUsers::decrementAndGet;
    }
}
