package concurrencylab.process;

import concurrencylab.internal.PrivateDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The socket through which other JVMs reach a {@link LocalQueue}: a virtual thread per connection,
 * which may block in {@code take} or {@code join} without holding up the others. A client sends
 * requests (a byte, then an item for PUT, a timeout for POLL) and gets one reply per request but
 * PUT and END, in order, so a reply also says that the puts sent before it arrived.
 */
final class QueueServer {
    /** Requests. */
    static final byte PUT = 'P', END = 'E', TAKE = 'T', POLL = 'L', DONE = 'D', JOIN = 'J', SIZE = 'S';
    /** Replies: {@code ITEM} comes with a length and the bytes, {@code ERROR} with a message. */
    static final byte OK = 'k', ITEM = 'i', EMPTY = 'e', ENDED = 'n', CLOSED = 'c', ERROR = 'x';

    private final Path path;
    private final LocalQueue queue;
    private final ServerSocketChannel server;
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    QueueServer(Path path, LocalQueue queue) {
        this.path = path;
        this.queue = queue;
        this.server = UnixSockets.listen(path);
        Thread.ofVirtual().name("queue-server-" + path.getFileName()).start(this::accept);
    }

    /** Stops accepting, closes every client's connection (a client waiting in take() sees the queue closed) and removes the socket. */
    void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        clients.forEach(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        });
        handlers.forEach(Thread::interrupt);
        PrivateDir.deleteQuietly(path);
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                handlers.add(Thread.ofVirtual().name("queue-client").start(() -> serve(client)));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            var in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client), 1 << 16));
            var out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client), 1 << 16));
            while (true) {
                byte op;
                try {
                    op = in.readByte();
                } catch (IOException e) {
                    return; // the client went away
                }
                byte[] taken = null;
                try {
                    switch (op) {
                        case PUT -> {
                            byte[] item = new byte[in.readInt()];
                            in.readFully(item);
                            queue.put(item); // no reply: the client does not wait for one
                        }
                        case END -> queue.putEnd();
                        case TAKE -> writeItem(out, taken = queue.take());
                        case POLL -> {
                            taken = queue.poll(in.readLong());
                            if (taken == null) out.writeByte(EMPTY);
                            else writeItem(out, taken);
                        }
                        case DONE -> {
                            queue.taskDone();
                            out.writeByte(OK);
                        }
                        case JOIN -> {
                            queue.join();
                            out.writeByte(OK);
                        }
                        case SIZE -> {
                            out.writeByte(ITEM);
                            out.writeInt(4);
                            out.writeInt(queue.size());
                        }
                        default -> throw new IOException("unknown request " + op);
                    }
                    out.flush();
                } catch (IllegalStateException e) {
                    if (queue.isClosed()) {
                        out.writeByte(CLOSED);
                    } else {
                        out.writeByte(ERROR);
                        out.writeUTF(e.getMessage());
                    }
                    out.flush();
                } catch (IOException e) {
                    if (taken != null) queue.putBack(taken); // the reply never left: keep the item
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            // closing
        } finally {
            clients.remove(client);
            handlers.remove(Thread.currentThread());
        }
    }

    private static void writeItem(DataOutputStream out, byte[] item) throws IOException {
        if (item == QueueEndpoint.END_MARK) {
            out.writeByte(ENDED);
        } else {
            out.writeByte(ITEM);
            out.writeInt(item.length);
            out.write(item);
        }
    }
}
