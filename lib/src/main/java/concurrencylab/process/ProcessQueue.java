package concurrencylab.process;

import concurrencylab.Check;
import concurrencylab.internal.PrivateDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A queue between processes, many producers and many consumers: Python's
 * {@code multiprocessing.JoinableQueue}. The JVM that creates it keeps the items; other JVMs reach it
 * over a Unix-domain socket in this JVM's owner-only directory, so capture the queue in a
 * {@link RemoteTask} (or pass it to a {@link WorkerPool} function) to use it in a child.
 *
 * <pre>{@code
 * try (ProcessQueue<Integer> queue = ProcessQueue.create()) {
 *     var consumer = JvmProcess.start(() -> {
 *         for (Integer item; (item = queue.take()) != null; ) {   // null: the sentinel, stop
 *             System.out.println("got " + item);
 *             queue.taskDone();
 *         }
 *     });
 *     for (int i = 0; i < 3; i++) queue.put(i);
 *     queue.join();                // returns when the consumer called taskDone() for every item
 *     queue.putEnd();              // the sentinel: one per consumer, or they wait for ever
 *     consumer.join();
 * }
 * }</pre>
 *
 * <p>The sentinel is what seed 000's Example 2 lacks: its consumer loops on {@code get()} for ever,
 * so joining it never returns. Here producers call {@link #putEnd()} once per consumer, and
 * {@link #take()} returns {@code null} for it.
 */
public final class ProcessQueue<T> implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final byte PUT = 'P', END = 'E', TAKE = 'T', POLL = 'L', DONE = 'D', JOIN = 'J', SIZE = 'S';
    static final byte OK = 'k', ITEM = 'i', EMPTY = 'e', ENDED = 'n', CLOSED = 'c', ERROR = 'x';

    private final String path;
    private final transient QueueBroker broker; // in the creating JVM only
    private final transient ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final transient List<Connection> connections = new CopyOnWriteArrayList<>();

    private ProcessQueue(Path path, QueueBroker broker) {
        this.path = path.toString();
        this.broker = broker;
    }

    /** An unbounded queue. */
    public static <T> ProcessQueue<T> create() {
        return create(Integer.MAX_VALUE);
    }

    /** A queue of at most {@code capacity} items: {@link #put} waits while it is full (Python's {@code maxsize}). */
    public static <T> ProcessQueue<T> create(int capacity) {
        Check.atLeast("capacity", capacity, 1);
        Path path = PrivateDir.newPath("queue", ".sock");
        return new ProcessQueue<>(path, new QueueBroker(path, capacity));
    }

    /**
     * Adds {@code item} at the tail, waiting while a bounded queue is full. From another JVM the item is
     * sent without waiting for a reply (it is on its way when this returns, as in Python).
     *
     * @throws IllegalArgumentException when the item is null (use {@link #putEnd()}) or cannot be serialized
     * @throws IllegalStateException    when the queue is closed
     */
    public void put(T item) throws InterruptedException {
        if (item == null) throw new IllegalArgumentException("put(null): a queue item cannot be null; putEnd() tells a consumer to stop");
        byte[] bytes;
        try {
            bytes = ValueCodec.encode(item);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot put a " + item.getClass().getName() + " on a process queue: "
                    + e.getMessage() + " is not serializable");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot put " + item + " on a process queue: " + e.getMessage());
        }
        if (broker != null) {
            broker.put(bytes);
        } else {
            connection().sendLater(PUT, bytes);
        }
    }

    /** Adds the sentinel: the consumer that takes it gets {@code null} from {@link #take()} and should stop. */
    public void putEnd() throws InterruptedException {
        if (broker != null) broker.put(QueueBroker.END_MARK);
        else connection().sendLater(END, null);
    }

    /**
     * Removes and returns the head, waiting while the queue is empty; {@code null} when the head is the
     * sentinel ({@link #putEnd()}).
     *
     * @throws IllegalStateException when the queue is closed
     */
    public T take() throws InterruptedException {
        return decode(broker != null ? broker.take() : request(TAKE, 0));
    }

    /**
     * Like {@link #take()}, but waits at most {@code timeout}.
     *
     * @throws java.util.concurrent.TimeoutException when nothing arrived in time
     */
    public T poll(Duration timeout) throws InterruptedException, java.util.concurrent.TimeoutException {
        Check.notNegative("timeout", timeout);
        byte[] item = broker != null ? broker.poll(timeout.toNanos()) : request(POLL, timeout.toNanos());
        if (item == null) throw new java.util.concurrent.TimeoutException("no item on the queue within " + timeout);
        return decode(item);
    }

    /** One item taken earlier is fully processed (Python's {@code task_done}). */
    public void taskDone() throws InterruptedException {
        if (broker != null) broker.taskDone();
        else request(DONE, 0);
    }

    /** Waits until every item put has been matched by a {@link #taskDone()}. */
    public void join() throws InterruptedException {
        if (broker != null) broker.join();
        else request(JOIN, 0);
    }

    /** Items waiting now (sentinels included). */
    public int size() throws InterruptedException {
        if (broker != null) return broker.size();
        byte[] n = request(SIZE, 0);
        return ((n[0] & 0xff) << 24) | ((n[1] & 0xff) << 16) | ((n[2] & 0xff) << 8) | (n[3] & 0xff);
    }

    /**
     * In the creating JVM: closes the queue everywhere (waiting consumers get an
     * {@link IllegalStateException}) and removes its socket. Elsewhere: closes this JVM's connections.
     */
    @Override
    public void close() {
        connections.forEach(Connection::close);
        connections.clear();
        if (broker != null) broker.close();
    }

    @Override
    public String toString() {
        return "ProcessQueue[" + Path.of(path).getFileName() + "]";
    }

    @SuppressWarnings("unchecked")
    private T decode(byte[] item) {
        if (item == QueueBroker.END_MARK || item.length == 0) return null;
        try {
            return (T) ValueCodec.decode(item);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an item of " + this + ": " + e.getMessage(), e);
        }
    }

    /** This thread's connection to the broker, opened on first use. */
    private Connection connection() {
        Connection c = connection.get();
        if (c == null || !c.channel.isOpen()) {
            c = new Connection(Path.of(path), this);
            connection.set(c);
            connections.add(c);
        }
        return c;
    }

    /** One request over this thread's connection, after the puts it made; the reply's payload (or the end mark, or null for "nothing"). */
    private byte[] request(byte op, long nanos) throws InterruptedException {
        Connection c = connection();
        c.requesting.lock();
        try {
            return exchange(c, op, nanos);
        } finally {
            c.requesting.unlock();
        }
    }

    /** With {@code c.requesting} held: sends the puts still pending and the request, and reads the reply. */
    private byte[] exchange(Connection c, byte op, long nanos) throws InterruptedException {
        try {
            c.writing.lock();
            try {
                c.sendPendingLocked();
                c.out.writeByte(op);
                if (op == POLL) c.out.writeLong(nanos);
                c.out.flush();
            } finally {
                c.writing.unlock();
            }
            byte status = c.in.readByte();
            c.unsynced = false; // the broker answers a connection's requests in order: every put before this one is in
            return switch (status) {
                case OK -> new byte[0];
                case ITEM -> {
                    byte[] item = new byte[c.in.readInt()];
                    c.in.readFully(item);
                    yield item;
                }
                case ENDED -> QueueBroker.END_MARK;
                case EMPTY -> null;
                case CLOSED -> throw closed();
                case ERROR -> throw new IllegalStateException(c.in.readUTF());
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
            throw new IllegalStateException(this + " is unreachable: " + e.getMessage() + " (was it closed, or did its process exit?)");
        }
    }

    IllegalStateException closed() {
        return new IllegalStateException(this + " is closed");
    }

    /**
     * Sends the puts of every queue connection in this JVM that are still on their way, as a child JVM
     * exits, so an item put is never lost with the process (the broker takes it from the socket later).
     */
    static void sendAllPending() {
        for (Connection c : Connection.OPEN) c.sendPendingQuietly();
    }

    /**
     * Sends every pending put and waits, at most {@code max}, until the brokers have them: before a
     * worker reports a batch done, so the items a task put are on the queue when the map returns. A
     * bounded queue that is full makes it wait; after {@code max} the items stay on their way.
     */
    static void awaitAllPending(Duration max) {
        var syncs = new java.util.ArrayList<Thread>();
        for (Connection c : Connection.OPEN) {
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

    /**
     * Sends {@code c}'s pending puts and waits until the broker has them: a request's reply comes after
     * the puts sent before it. A connection busy with its own request (a take() waiting) needs none:
     * that request's puts went before it.
     */
    private void sync(Connection c) {
        try {
            if (!c.requesting.tryLock(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                c.sendPendingQuietly();
                return;
            }
            try {
                exchange(c, SIZE, 0);
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

    /**
     * A socket to the broker, one per thread, so one thread waiting in take() does not hold up another's
     * put(). Puts go out through a feeder thread, as Python's queue sends them: put() only appends to a
     * buffer, and a burst of puts leaves in one write instead of a system call each.
     */
    private static final class Connection {
        static final java.util.Set<Connection> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Puts buffered beyond this are sent by put() itself, which then waits as a full socket makes it. */
        private static final int MAX_PENDING = 1 << 20;

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(ProcessQueue::sendAllPending, "queue-send-pending"));
        }

        final SocketChannel channel;
        final DataInputStream in;
        final DataOutputStream out;
        /** Held for a whole request and its reply, so a sync from another thread does not read the owner's reply. */
        final java.util.concurrent.locks.ReentrantLock requesting = new java.util.concurrent.locks.ReentrantLock();
        /** Puts were made since the broker last answered a request here. */
        volatile boolean unsynced;
        /** Held while writing to the socket: by the feeder, or by the owner thread for a request. */
        final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
        private final Object pendingLock = new Object();
        private java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream(1 << 12);
        private java.io.ByteArrayOutputStream spare = new java.io.ByteArrayOutputStream(1 << 12);
        private boolean feederWoken;
        private volatile IOException failed;
        private final Thread feeder;
        final ProcessQueue<?> queue;

        Connection(Path path, ProcessQueue<?> queue) {
            this.queue = queue;
            try {
                channel = UnixSockets.connect(path);
            } catch (IOException e) {
                throw queue.closed();
            }
            in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            out = new DataOutputStream(new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            feeder = Thread.ofPlatform().daemon(true).name("queue-feeder").start(this::feed);
            OPEN.add(this);
        }

        /** Appends a put (or the sentinel) for the feeder to send. */
        void sendLater(byte op, byte[] item) {
            if (failed != null) throw unreachable(failed);
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
                    java.util.concurrent.locks.LockSupport.unpark(feeder);
                }
            }
            if (full) {
                try {
                    sendPending();
                } catch (IOException e) {
                    throw unreachable(e);
                }
            }
        }

        private void feed() {
            while (channel.isOpen()) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, 1_000_000_000L);
                try {
                    sendPending();
                } catch (IOException e) {
                    failed = e;
                    return;
                }
            }
        }

        void sendPending() throws IOException {
            writing.lock();
            try {
                sendPendingLocked();
            } finally {
                writing.unlock();
            }
        }

        /** With {@link #writing} held: writes what is pending; puts made meanwhile go to the other buffer. */
        void sendPendingLocked() throws IOException {
            java.io.ByteArrayOutputStream batch;
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

        private IllegalStateException unreachable(IOException e) {
            return new IllegalStateException(queue + " is unreachable: " + e.getMessage() + " (was it closed, or did its process exit?)");
        }

        void close() {
            sendPendingQuietly();
            OPEN.remove(this);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            java.util.concurrent.locks.LockSupport.unpark(feeder);
        }
    }

    /** Travels as its socket's path; the receiving JVM connects when it first uses it. */
    @Serial
    private Object writeReplace() {
        return new Ref(path);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a ProcessQueue travels as its path");
    }

    private record Ref(String path) implements Serializable {
        @Serial
        private Object readResolve() {
            return new ProcessQueue<>(Path.of(path), null);
        }
    }
}
