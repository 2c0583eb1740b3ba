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
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The items of a {@link ProcessQueue}, kept in the JVM that created it, and the server that lets other
 * JVMs reach them: a virtual thread per connection, which may block in {@code take} or {@code join}
 * without holding up the others.
 */
final class QueueBroker {
    /** The sentinel as stored: compared by identity, never sent as an item. */
    static final byte[] END_MARK = new byte[0];

    private final Path path;
    private final LinkedBlockingDeque<byte[]> items;
    private final ServerSocketChannel server;
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Object unfinishedLock = new Object();
    private long unfinished;
    private volatile boolean closed;

    QueueBroker(Path path, int capacity) {
        this.path = path;
        this.items = new LinkedBlockingDeque<>(capacity);
        this.server = UnixSockets.listen(path);
        Thread.ofVirtual().name("queue-server-" + path.getFileName()).start(this::accept);
    }

    void put(byte[] item) throws InterruptedException {
        checkOpen();
        if (item != END_MARK) { // the sentinel needs no taskDone()
            synchronized (unfinishedLock) {
                unfinished++;
            }
        }
        items.put(item);
        if (closed) throw closedError();
    }

    byte[] take() throws InterruptedException {
        checkOpen();
        byte[] item = items.take();
        if (closed) throw closedError();
        return item;
    }

    byte[] poll(long nanos) throws InterruptedException {
        checkOpen();
        return items.poll(nanos, TimeUnit.NANOSECONDS);
    }

    void taskDone() {
        synchronized (unfinishedLock) {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() was called more times than items were put on " + path.getFileName());
            }
            if (--unfinished == 0) unfinishedLock.notifyAll();
        }
    }

    void join() throws InterruptedException {
        synchronized (unfinishedLock) {
            while (unfinished > 0 && !closed) unfinishedLock.wait();
        }
        if (closed) throw closedError();
    }

    int size() {
        return items.size();
    }

    void close() {
        if (closed) return;
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
        // Local threads waiting in take() or join() wake up and see the queue closed.
        for (int i = 0; i < 64; i++) items.offerFirst(END_MARK);
        synchronized (unfinishedLock) {
            unfinishedLock.notifyAll();
        }
        PrivateDir.deleteQuietly(path);
    }

    private void checkOpen() {
        if (closed) throw closedError();
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("ProcessQueue[" + path.getFileName() + "] is closed");
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
                        case ProcessQueue.PUT -> {
                            byte[] item = new byte[in.readInt()];
                            in.readFully(item);
                            put(item); // no reply: the client does not wait for one
                        }
                        case ProcessQueue.END -> put(END_MARK);
                        case ProcessQueue.TAKE -> writeItem(out, taken = take());
                        case ProcessQueue.POLL -> {
                            taken = poll(in.readLong());
                            if (taken == null) out.writeByte(ProcessQueue.EMPTY);
                            else writeItem(out, taken);
                        }
                        case ProcessQueue.DONE -> {
                            taskDone();
                            out.writeByte(ProcessQueue.OK);
                        }
                        case ProcessQueue.JOIN -> {
                            join();
                            out.writeByte(ProcessQueue.OK);
                        }
                        case ProcessQueue.SIZE -> {
                            out.writeByte(ProcessQueue.ITEM);
                            out.writeInt(4);
                            out.writeInt(size());
                        }
                        default -> throw new IOException("unknown request " + op);
                    }
                    out.flush();
                } catch (IllegalStateException e) {
                    if (closed) {
                        out.writeByte(ProcessQueue.CLOSED);
                    } else {
                        out.writeByte(ProcessQueue.ERROR);
                        out.writeUTF(e.getMessage());
                    }
                    out.flush();
                } catch (IOException e) {
                    if (taken != null && taken != END_MARK && !closed) items.offerFirst(taken); // the reply never left: keep the item
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
        if (item == END_MARK) {
            out.writeByte(ProcessQueue.ENDED);
        } else {
            out.writeByte(ProcessQueue.ITEM);
            out.writeInt(item.length);
            out.write(item);
        }
    }
}
