package concurrencylab.workload;

import java.time.Duration;

/**
 * Factory methods for the course's workloads, one readable line each.
 *
 * <pre>{@code
 * var waits = Workloads.simulatedIo(40, Duration.ofMillis(50));
 * var files = Workloads.files(10, Duration.ofMillis(200));   // seed 000's process_file
 * var cpu = Workloads.cpu(8, Duration.ofMillis(100));       // pure computation, calibrated on this machine
 * var net = Workloads.network(20, Duration.ofMillis(100));  // HTTP to a server on loopback, with HttpClient
 * var sockets = Workloads.sockets(20, Duration.ofMillis(100)); // the same server, on blocking java.net.Sockets
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

    /** {@code tasks} CPU-bound tasks of about {@code cpuPerTask} each on this machine. */
    public static CpuBound cpu(int tasks, Duration cpuPerTask) {
        return CpuBound.calibrated(tasks, cpuPerTask);
    }

    /** {@code tasks} tasks that each compute for about {@code cpuPerTask}, then wait {@code wait}. */
    public static Mixed mixed(int tasks, Duration cpuPerTask, Duration wait) {
        return new Mixed(CpuBound.calibrated(tasks, cpuPerTask), wait);
    }

    /**
     * {@code tasks} HTTP requests with {@link java.net.http.HttpClient} to a server on loopback that answers
     * after {@code delay}; the client's own selector thread does the I/O while the caller waits on a future.
     */
    public static NetworkIo network(int tasks, Duration delay) {
        return new NetworkIo(tasks, delay);
    }

    /**
     * {@code tasks} requests, each on a blocking {@link java.net.Socket}, to a server on loopback that answers
     * after {@code delay}: a platform thread running a task waits in the socket's read.
     */
    public static SocketIo sockets(int tasks, Duration delay) {
        return new SocketIo(tasks, delay);
    }

    /** {@code work}, with a line printed when each task starts and ends, naming its process and thread. */
    public static Printing printing(Workload work) {
        return new Printing(work);
    }
}
