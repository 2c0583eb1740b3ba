package concurrencylab.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProcessQueue} in a JVM other than the one keeping its items: requests over a connection
 * per thread to the {@link QueueServer}, so one thread waiting in {@code take()} does not hold up
 * another's {@code put()}. A put is not answered: it leaves through the connection's feeder, and a
 * later request's reply says it arrived.
 */
final class RemoteQueue implements QueueEndpoint {
    private final Path path;
    private final String name;
    private final ThreadLocal<QueueConnection> connection = new ThreadLocal<>();
    private final List<QueueConnection> connections = new CopyOnWriteArrayList<>();

    /** The queue served at {@code path}, called {@code name} in messages; it connects on first use. */
    RemoteQueue(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    @Override
    public void put(byte[] item) {
        connection().sendLater(QueueServer.PUT, item);
    }

    @Override
    public void putEnd() {
        connection().sendLater(QueueServer.END, null);
    }

    @Override
    public byte[] take() throws InterruptedException {
        return request(QueueServer.TAKE, 0);
    }

    @Override
    public byte[] poll(long nanos) throws InterruptedException {
        return request(QueueServer.POLL, nanos);
    }

    @Override
    public void taskDone() throws InterruptedException {
        request(QueueServer.DONE, 0);
    }

    @Override
    public void join() throws InterruptedException {
        request(QueueServer.JOIN, 0);
    }

    @Override
    public int size() throws InterruptedException {
        byte[] n = request(QueueServer.SIZE, 0);
        return ((n[0] & 0xff) << 24) | ((n[1] & 0xff) << 16) | ((n[2] & 0xff) << 8) | (n[3] & 0xff);
    }

    /** Closes this JVM's connections to the queue; the queue itself stays open. */
    @Override
    public void close() {
        connections.forEach(QueueConnection::close);
        connections.clear();
    }

    @Override
    public String toString() {
        return name;
    }

    IllegalStateException closed() {
        return new IllegalStateException(name + " is closed");
    }

    IllegalStateException unreachable(IOException e) {
        return new IllegalStateException(name + " is unreachable: " + e.getMessage() + " (was it closed, or did its process exit?)");
    }

    /** This thread's connection to the server, opened on first use. */
    private QueueConnection connection() {
        QueueConnection c = connection.get();
        if (c == null || !c.isOpen()) {
            c = new QueueConnection(path, this);
            connection.set(c);
            connections.add(c);
        }
        return c;
    }

    /** One request over this thread's connection, after the puts it made; the reply's payload (or the end mark, or null for "nothing"). */
    private byte[] request(byte op, long nanos) throws InterruptedException {
        QueueConnection c = connection();
        c.requesting.lock();
        try {
            return exchange(c, op, nanos);
        } finally {
            c.requesting.unlock();
        }
    }

    /** With {@code c.requesting} held: sends the puts still pending and the request, and reads the reply. */
    private byte[] exchange(QueueConnection c, byte op, long nanos) throws InterruptedException {
        try {
            c.writing.lock();
            try {
                c.sendPendingLocked();
                c.out.writeByte(op);
                if (op == QueueServer.POLL) c.out.writeLong(nanos);
                c.out.flush();
            } finally {
                c.writing.unlock();
            }
            byte status = c.in.readByte();
            c.unsynced = false; // the server answers a connection's requests in order: every put before this one is in
            return switch (status) {
                case QueueServer.OK -> new byte[0];
                case QueueServer.ITEM -> {
                    byte[] item = new byte[c.in.readInt()];
                    c.in.readFully(item);
                    yield item;
                }
                case QueueServer.ENDED -> END_MARK;
                case QueueServer.EMPTY -> null;
                case QueueServer.CLOSED -> throw closed();
                case QueueServer.ERROR -> throw new IllegalStateException(c.in.readUTF());
                default -> throw new IllegalStateException(this + " sent an unknown reply " + status);
            };
        } catch (ClosedByInterruptException e) {
            connections.remove(c);
            Thread.interrupted();
            throw new InterruptedException("interrupted while waiting on " + this);
        } catch (EOFException e) {
            c.close();
            throw closed();
        } catch (IOException e) {
            c.close();
            throw unreachable(e);
        }
    }

    /**
     * Sends {@code c}'s pending puts and waits until the server has them: a request's reply comes after
     * the puts sent before it. A connection busy with its own request (a take() waiting) needs none:
     * that request's puts went before it.
     */
    void sync(QueueConnection c) {
        try {
            if (!c.requesting.tryLock(200, TimeUnit.MILLISECONDS)) {
                c.sendPendingQuietly();
                return;
            }
            try {
                exchange(c, QueueServer.SIZE, 0);
            } finally {
                c.requesting.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.sendPendingQuietly();
        } catch (RuntimeException e) {
            // the queue is closed or gone: nothing to wait for
        }
    }
}
