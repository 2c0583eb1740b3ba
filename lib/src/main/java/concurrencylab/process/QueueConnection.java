package concurrencylab.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One thread's socket to a {@link QueueServer}. Puts go out through a feeder thread, as Python's
 * queue sends them: {@code put()} only appends to a buffer, and a burst of puts leaves in one write
 * instead of a system call each. Requests ({@link RemoteQueue}) send what is pending first.
 */
final class QueueConnection {
    private static final Set<QueueConnection> OPEN = ConcurrentHashMap.newKeySet();
    /** Puts buffered beyond this are sent by put() itself, which then waits as a full socket makes it. */
    private static final int MAX_PENDING = 1 << 20;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(QueueConnection::sendAllPending, "queue-send-pending"));
    }

    private final SocketChannel channel;
    final DataInputStream in;
    final DataOutputStream out;
    /** Held for a whole request and its reply, so a sync from another thread does not read the owner's reply. */
    final ReentrantLock requesting = new ReentrantLock();
    /** Puts were made since the server last answered a request here. */
    volatile boolean unsynced;
    /** Held while writing to the socket: by the feeder, or by the owner thread for a request. */
    final ReentrantLock writing = new ReentrantLock();
    private final Object pendingLock = new Object();
    private ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 12);
    private ByteArrayOutputStream spare = new ByteArrayOutputStream(1 << 12);
    private boolean feederWoken;
    private volatile IOException failed;
    private final Thread feeder;
    private final RemoteQueue queue;

    QueueConnection(Path path, RemoteQueue queue) {
        this.queue = queue;
        try {
            channel = UnixSockets.connect(path);
        } catch (IOException e) {
            throw queue.closed();
        }
        in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        feeder = Thread.ofPlatform().daemon(true).name("queue-feeder").start(this::feed);
        OPEN.add(this);
    }

    /**
     * Sends the puts of every queue connection in this JVM that are still on their way, as a child JVM
     * exits, so an item put is never lost with the process (the server takes it from the socket later).
     */
    static void sendAllPending() {
        for (QueueConnection c : OPEN) c.sendPendingQuietly();
    }

    /**
     * Sends every pending put and waits, at most {@code max}, until the servers have them: before a
     * worker reports a batch done, so the items a task put are on the queue when the map returns. A
     * bounded queue that is full makes it wait; after {@code max} the items stay on their way.
     */
    static void awaitAllPending(Duration max) {
        var syncs = new ArrayList<Thread>();
        for (QueueConnection c : OPEN) {
            if (c.unsynced) syncs.add(Thread.ofVirtual().name("queue-sync").start(() -> c.queue.sync(c)));
            else c.sendPendingQuietly();
        }
        long deadline = System.nanoTime() + max.toNanos();
        try {
            for (Thread t : syncs) t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Appends a put (or, with a null item, the sentinel) for the feeder to send. */
    void sendLater(byte op, byte[] item) {
        if (failed != null) throw queue.unreachable(failed);
        unsynced = true;
        boolean full;
        synchronized (pendingLock) {
            pending.write(op);
            if (item != null) {
                int n = item.length;
                pending.write(n >>> 24);
                pending.write(n >>> 16);
                pending.write(n >>> 8);
                pending.write(n);
                pending.write(item, 0, n);
            }
            full = pending.size() > MAX_PENDING;
            if (!feederWoken && !full) {
                feederWoken = true;
                LockSupport.unpark(feeder);
            }
        }
        if (full) {
            try {
                sendPending();
            } catch (IOException e) {
                throw queue.unreachable(e);
            }
        }
    }

    private void feed() {
        while (channel.isOpen()) {
            LockSupport.parkNanos(this, 1_000_000_000L);
            try {
                sendPending();
            } catch (IOException e) {
                failed = e;
                return;
            }
        }
    }

    private void sendPending() throws IOException {
        writing.lock();
        try {
            sendPendingLocked();
        } finally {
            writing.unlock();
        }
    }

    /** With {@link #writing} held: writes what is pending; puts made meanwhile go to the other buffer. */
    void sendPendingLocked() throws IOException {
        ByteArrayOutputStream batch;
        synchronized (pendingLock) {
            feederWoken = false;
            if (pending.size() == 0) return;
            batch = pending;
            pending = spare;
            spare = batch;
        }
        try {
            batch.writeTo(out);
            out.flush();
        } finally {
            batch.reset();
        }
    }

    void sendPendingQuietly() {
        try {
            sendPending();
        } catch (IOException e) {
            failed = e; // the queue is gone; nothing can be sent anyway
        }
    }

    void close() {
        sendPendingQuietly();
        OPEN.remove(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
        LockSupport.unpark(feeder);
    }
}
