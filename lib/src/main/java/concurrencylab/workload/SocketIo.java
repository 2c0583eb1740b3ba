package concurrencylab.workload;

import concurrencylab.Check;
import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Blocking network I/O: each task opens a {@link Socket} to a small HTTP server on loopback that
 * answers after {@code delay}, writes a {@code GET} request and reads the reply until the server
 * closes the connection. {@link #close()} stops the server.
 *
 * <p>On a platform thread the read blocks the thread itself, in the operating system's
 * {@code read} call, until the reply arrives: one waiting request holds one thread. On a virtual
 * thread the JDK makes the socket non-blocking and parks the virtual thread until the socket is
 * readable, so its carrier thread is free meanwhile. On an event loop ({@link NonBlocking}) the same
 * request goes through a non-blocking {@code SocketChannel} and the loop's {@code Selector}. Compare
 * {@link NetworkIo}, whose {@code HttpClient} does its I/O on a selector thread of its own.
 *
 * <pre>{@code
 * try (var sockets = Workloads.sockets(20, Duration.ofMillis(100))) {
 *     sockets.runTask(0);      // "page 0", after about 100 ms blocked in a socket read
 *     sockets.url();           // http://127.0.0.1:PORT/
 * }
 * }</pre>
 */
public final class SocketIo implements Workload, NonBlocking {
    private final int tasks;
    private final Duration delay;
    private final transient DelayedPageServer server;
    private final int port;

    /**
     * Starts the loopback server.
     *
     * @param tasks number of requests, at least 1
     * @param delay how long the server waits before it answers each one, zero or more
     */
    public SocketIo(int tasks, Duration delay) {
        this.tasks = Check.atLeast("tasks", tasks, 1);
        this.delay = Check.notNegative("delay", delay);
        server = new DelayedPageServer(delay);
        port = server.url().getPort();
    }

    /** Where the server listens (loopback only). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public String description() {
        return tasks + " socket requests, " + Durations.format(delay) + " server delay";
    }

    @Override
    public int tasks() {
        return tasks;
    }

    /** One request on a blocking {@link Socket}; returns the page, such as {@code "page 3"}. */
    @Override
    public Object runTask(int index) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(DelayedPageServer.request(index));
            byte[] reply = socket.getInputStream().readAllBytes(); // blocks until the server answers and closes
            return DelayedPageServer.body(index, new String(reply, StandardCharsets.UTF_8));
        }
    }

    /** On an event loop: the same request on a non-blocking {@code SocketChannel} and the loop's {@code Selector}. */
    @Override
    public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        DelayedPageServer.fetchOnLoop(port, index, loop, done);
    }

    /** The server's delay in waves of {@code workers}; the round trip on loopback adds well under a millisecond. */
    @Override
    public Duration idealTime(int workers, int cores) {
        return delay.multipliedBy(Durations.waves(tasks, workers));
    }

    @Override
    public void close() {
        if (server != null) server.close(); // null in a worker JVM, which does not own the server
    }
}
