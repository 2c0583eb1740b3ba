package concurrencylab.workload;

import com.sun.net.httpserver.HttpServer;
import concurrencylab.async.EventLoop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The server side of the network workloads: HTTP on loopback that answers {@code GET /?N} with
 * {@code "page N"} after {@code delay}, one virtual thread per request so that the server never limits
 * how many clients wait at once. Also the client steps both workloads share: the request's bytes, the
 * reply's body, and the request on an event loop.
 *
 * <pre>{@code
 * try (var server = new DelayedPageServer(Duration.ofMillis(100))) {
 *     server.url();   // http://127.0.0.1:PORT/
 * }
 * }</pre>
 */
final class DelayedPageServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    DelayedPageServer(Duration delay) {
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
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The bytes of task {@code index}'s request; {@code Connection: close}, so the reply ends where the stream does. */
    static byte[] request(int index) {
        return ("GET /?" + index + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The body of a whole reply, or an IOException naming the task and the status line. */
    static String body(int index, String reply) throws IOException {
        if (!reply.startsWith("HTTP/1.1 200")) {
            throw new IOException("task " + index + ": " + reply.lines().findFirst().orElse("empty reply"));
        }
        int headersEnd = reply.indexOf("\r\n\r\n");
        return headersEnd < 0 ? "" : reply.substring(headersEnd + 4);
    }

    /**
     * Task {@code index}'s request on {@code loop}: a non-blocking {@link SocketChannel} driven by the
     * loop's {@code Selector}: connect, write the request, read the reply until the server closes.
     */
    static void fetchOnLoop(int port, int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        ByteBuffer request = ByteBuffer.wrap(request(index));
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        var reply = new ByteArrayOutputStream();
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
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

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
