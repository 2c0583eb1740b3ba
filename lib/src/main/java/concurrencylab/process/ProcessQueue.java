package concurrencylab.process;

import concurrencylab.Check;

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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
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
            bytes = Wire.encode(item);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot put a " + item.getClass().getName() + " on a process queue: "
                    + e.getMessage() + " is not serializable");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot put " + item + " on a process queue: " + e.getMessage());
        }
        if (broker != null) {
            broker.put(bytes);
        } else {
            request(PUT, bytes, 0);
        }
    }

    /** Adds the sentinel: the consumer that takes it gets {@code null} from {@link #take()} and should stop. */
    public void putEnd() throws InterruptedException {
        if (broker != null) broker.put(QueueBroker.END_MARK);
        else request(END, null, 0);
    }

    /**
     * Removes and returns the head, waiting while the queue is empty; {@code null} when the head is the
     * sentinel ({@link #putEnd()}).
     *
     * @throws IllegalStateException when the queue is closed
     */
    public T take() throws InterruptedException {
        return decode(broker != null ? broker.take() : request(TAKE, null, 0));
    }

    /**
     * Like {@link #take()}, but waits at most {@code timeout}.
     *
     * @throws java.util.concurrent.TimeoutException when nothing arrived in time
     */
    public T poll(Duration timeout) throws InterruptedException, java.util.concurrent.TimeoutException {
        Check.notNegative("timeout", timeout);
        byte[] item = broker != null ? broker.poll(timeout.toNanos()) : request(POLL, null, timeout.toNanos());
        if (item == null) throw new java.util.concurrent.TimeoutException("no item on the queue within " + timeout);
        return decode(item);
    }

    /** One item taken earlier is fully processed (Python's {@code task_done}). */
    public void taskDone() throws InterruptedException {
        if (broker != null) broker.taskDone();
        else request(DONE, null, 0);
    }

    /** Waits until every item put has been matched by a {@link #taskDone()}. */
    public void join() throws InterruptedException {
        if (broker != null) broker.join();
        else request(JOIN, null, 0);
    }

    /** Items waiting now (sentinels included). */
    public int size() throws InterruptedException {
        if (broker != null) return broker.size();
        byte[] n = request(SIZE, null, 0);
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
            return (T) Wire.decode(item);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an item of " + this + ": " + e.getMessage(), e);
        }
    }

    /** One request over this thread's connection; the reply's payload (or the end mark, or null for "nothing"). */
    private byte[] request(byte op, byte[] payload, long nanos) throws InterruptedException {
        Connection c = connection.get();
        if (c == null || !c.channel.isOpen()) {
            c = new Connection(Path.of(path), this);
            connection.set(c);
            connections.add(c);
        }
        try {
            c.out.writeByte(op);
            if (op == PUT) {
                c.out.writeInt(payload.length);
                c.out.write(payload);
            } else if (op == POLL) {
                c.out.writeLong(nanos);
            }
            c.out.flush();
            if (op == PUT || op == END) return null; // no reply: puts stream, as Python's feeder thread sends them
            byte status = c.in.readByte();
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

    /** A socket to the broker, one per thread, so one thread waiting in take() does not hold up another's put(). */
    private static final class Connection {
        final SocketChannel channel;
        final DataInputStream in;
        final DataOutputStream out;

        Connection(Path path, ProcessQueue<?> queue) {
            try {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                throw queue.closed();
            }
            in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            out = new DataOutputStream(new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
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
