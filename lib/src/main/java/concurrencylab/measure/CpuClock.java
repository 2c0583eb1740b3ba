package concurrencylab.measure;

import com.sun.management.OperatingSystemMXBean;
import concurrencylab.jvm.JitCompiler;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time as the course counts it: every thread of this JVM and of its child processes (worker
 * JVMs), except the JIT compiler's threads. Compiling is the JVM warming up, not the program's work:
 * counted, a {@code Thread.sleep} right after a cell was compiled would look like a busy core.
 *
 * <pre>{@code
 * var before = CpuClock.now();
 * work();
 * var used = CpuClock.now().minus(before);
 * used.programNanos();    // what the program's threads used
 * used.compilerNanos();   // what the JIT compiler used meanwhile (0 where this cannot be told apart)
 * }</pre>
 */
public final class CpuClock {
    private CpuClock() {}

    /**
     * CPU nanoseconds: {@code allNanos} for this JVM and its descendants, {@code compilerNanos} of
     * it for this JVM's JIT compiler threads.
     */
    public record Sample(long allNanos, long compilerNanos) {
        /** What was used between {@code earlier} and this sample. */
        public Sample minus(Sample earlier) {
            return new Sample(allNanos - earlier.allNanos, compilerNanos - earlier.compilerNanos);
        }

        /** CPU of the program's own threads and child processes. */
        public long programNanos() {
            return Math.max(0, allNanos - compilerNanos);
        }
    }

    /** A sample now. */
    public static Sample now() {
        long own = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        long children = ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
        return new Sample(own + children, JitCompiler.cpuNanos());
    }
}
