package concurrencylab.workload;

import concurrencylab.Check;
import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Real network I/O through {@link HttpClient}: a small HTTP server on loopback that answers every
 * request after {@code delay}, and tasks that each fetch one page from it. {@link #close()} stops the
 * server.
 *
 * <p>{@code HttpClient.send} does not block its thread in a socket read: it is
 * {@code sendAsync(...).get()}, so the calling thread parks on a future while the client's own
 * selector thread ({@code HttpClient-N-SelectorManager}) does the I/O. For threads that really block
 * in a read, use {@link SocketIo}.
 *
 * <pre>{@code
 * try (var net = Workloads.network(20, Duration.ofMillis(100))) {
 *     net.runTask(0);          // "page 0", after about 100 ms
 *     net.url();               // http://127.0.0.1:PORT/
 * }
 * }</pre>
 */
public final class NetworkIo implements Workload, NonBlocking {
    private final int tasks;
    private final Duration delay;
    private final transient DelayedPageServer server;
    private transient HttpClient client;
    private final URI url;

    public NetworkIo(int tasks, Duration delay) {
        this.tasks = Check.atLeast("tasks", tasks, 1);
        this.delay = Check.notNegative("delay", delay);
        server = new DelayedPageServer(delay);
        url = server.url();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** In a worker JVM: a client of the same server, which the creating JVM runs and stops. */
    private Object readResolve() {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return this;
    }

    /** Where the server listens (loopback only). */
    public URI url() {
        return url;
    }

    @Override
    public String description() {
        return tasks + " HTTP requests, " + Durations.format(delay) + " server delay";
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public Object runTask(int index) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(url.resolve("?" + index)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("task " + index + ": HTTP " + response.statusCode());
        return response.body();
    }

    /**
     * On an event loop: a non-blocking {@link java.nio.channels.SocketChannel} per request, driven by the
     * loop's {@code Selector}. One thread keeps every request in flight, as {@code aiohttp} does under asyncio.
     */
    @Override
    public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        DelayedPageServer.fetchOnLoop(url.getPort(), index, loop, done);
    }

    /** The server's delay in waves of {@code workers}; the round trip on loopback adds well under a millisecond. */
    @Override
    public Duration idealTime(int workers, int cores) {
        return delay.multipliedBy(Durations.waves(tasks, workers));
    }

    @Override
    public void close() {
        if (server != null) server.close(); // null in a worker JVM, which does not own the server
        client.close();
    }
}
