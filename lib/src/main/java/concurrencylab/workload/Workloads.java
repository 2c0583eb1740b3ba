package concurrencylab.workload;

import java.time.Duration;

/**
 * Factory methods for the course's workloads, one readable line each.
 *
 * <pre>{@code
 * var waits = Workloads.simulatedIo(40, Duration.ofMillis(50));
 * var files = Workloads.files(10, Duration.ofMillis(200));   // seed 000's process_file
 * }</pre>
 */
public final class Workloads {
    private Workloads() {}

    /** {@code tasks} pure waits of {@code latency} each. */
    public static SimulatedIo simulatedIo(int tasks, Duration latency) {
        return new SimulatedIo(tasks, latency);
    }

    /** {@code tasks} real files, each waited on for {@code latency}, then read, upper-cased and written. */
    public static FileIo files(int tasks, Duration latency) {
        return new FileIo(tasks, latency);
    }
}
