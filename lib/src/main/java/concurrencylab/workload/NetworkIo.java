package concurrencylab.workload;

import com.sun.net.httpserver.HttpServer;
import concurrencylab.Check;
import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Real network I/O: a small HTTP server on loopback that answers every request after {@code delay},
 * and tasks that each fetch one page from it with {@link HttpClient}. {@link #close()} stops the server.
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
    private final transient HttpServer server;
    private final transient ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
    private transient HttpClient client;
    private final URI url;

    public NetworkIo(int tasks, Duration delay) {
        this.tasks = Check.atLeast("tasks", tasks, 1);
        this.delay = Check.notNegative("delay", delay);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback server: " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("page " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(serverThreads); // a virtual thread per request: the server never limits the clients
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
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
     * On an event loop: a non-blocking {@link SocketChannel} per request, driven by the loop's
     * {@code Selector}: connect, write the request, read the reply until the server closes. One
     * thread keeps every request in flight, as {@code aiohttp} does under asyncio.
     */
    @Override
    public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        ByteBuffer request = ByteBuffer.wrap(("GET /?" + index + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        var reply = new ByteArrayOutputStream();
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), url.getPort()));
        } catch (IOException e) {
            done.accept(null, e);
            return;
        }
        loop.register(channel, SelectionKey.OP_CONNECT, key -> {
            try {
                if (key.isConnectable() && channel.finishConnect()) key.interestOps(SelectionKey.OP_WRITE);
                if (key.isValid() && key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
                } else if (key.isValid() && key.isReadable()) {
                    int n;
                    while ((n = channel.read(buffer.clear())) > 0) reply.write(buffer.array(), 0, n);
                    if (n < 0) { // the server closed: the reply is complete
                        channel.close();
                        done.accept(body(index, reply.toString(StandardCharsets.UTF_8)), null);
                    }
                }
            } catch (IOException | RuntimeException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
                done.accept(null, e);
            }
        });
    }

    private static String body(int index, String reply) throws IOException {
        if (!reply.startsWith("HTTP/1.1 200")) {
            throw new IOException("task " + index + ": " + reply.lines().findFirst().orElse("empty reply"));
        }
        int headersEnd = reply.indexOf("\r\n\r\n");
        return headersEnd < 0 ? "" : reply.substring(headersEnd + 4);
    }

    /** The server's delay in waves of {@code workers}; the round trip on loopback adds well under a millisecond. */
    @Override
    public Duration idealTime(int workers, int cores) {
        return delay.multipliedBy(Durations.waves(tasks, workers));
    }

    @Override
    public void close() {
        if (server != null) server.stop(0); // null in a worker JVM, which does not own the server
        if (serverThreads != null) serverThreads.shutdownNow();
        client.close();
    }
}
