package concurrencylab.process;

import concurrencylab.Check;
import concurrencylab.internal.PrivateDir;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

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

    private final String path;
    private final transient QueueEndpoint items; // a LocalQueue in the creating JVM, a RemoteQueue elsewhere

    private ProcessQueue(String path, QueueEndpoint items) {
        this.path = path;
        this.items = items;
    }

    /** An unbounded queue. */
    public static <T> ProcessQueue<T> create() {
        return create(Integer.MAX_VALUE);
    }

    /** A queue of at most {@code capacity} items: {@link #put} waits while it is full (Python's {@code maxsize}). */
    public static <T> ProcessQueue<T> create(int capacity) {
        Check.atLeast("capacity", capacity, 1);
        Path path = PrivateDir.newPath("queue", ".sock");
        return new ProcessQueue<>(path.toString(), new LocalQueue(path, capacity));
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
        items.put(bytes);
    }

    /** Adds the sentinel: the consumer that takes it gets {@code null} from {@link #take()} and should stop. */
    public void putEnd() throws InterruptedException {
        items.putEnd();
    }

    /**
     * Removes and returns the head, waiting while the queue is empty; {@code null} when the head is the
     * sentinel ({@link #putEnd()}).
     *
     * @throws IllegalStateException when the queue is closed
     */
    public T take() throws InterruptedException {
        return decode(items.take());
    }

    /**
     * Like {@link #take()}, but waits at most {@code timeout}, as Python's {@code get(timeout=...)}.
     * Not named {@code poll}: {@code BlockingQueue.poll} returns {@code null} when time runs out, but
     * here {@code null} is the sentinel, so running out of time throws, as {@code Future.get(timeout)} does.
     *
     * <pre>{@code
     * Integer item = queue.take(Duration.ofSeconds(1));   // the head, or null for the sentinel
     * }</pre>
     *
     * @throws TimeoutException when nothing arrived in time
     */
    public T take(Duration timeout) throws InterruptedException, TimeoutException {
        Check.notNegative("timeout", timeout);
        byte[] item = items.poll(timeout.toNanos());
        if (item == null) throw new TimeoutException("nothing arrived on " + this + " within " + timeout);
        return decode(item);
    }

    /** One item taken earlier is fully processed (Python's {@code task_done}). */
    public void taskDone() throws InterruptedException {
        items.taskDone();
    }

    /** Waits until every item put has been matched by a {@link #taskDone()}. */
    public void join() throws InterruptedException {
        items.join();
    }

    /** Items waiting now (sentinels included). */
    public int size() throws InterruptedException {
        return items.size();
    }

    /**
     * In the creating JVM: closes the queue everywhere (waiting consumers get an
     * {@link IllegalStateException}) and removes its socket. Elsewhere: closes this JVM's connections.
     */
    @Override
    public void close() {
        items.close();
    }

    @Override
    public String toString() {
        return name(path);
    }

    private static String name(String path) {
        return "ProcessQueue[" + Path.of(path).getFileName() + "]";
    }

    @SuppressWarnings("unchecked")
    private T decode(byte[] item) {
        if (item == QueueEndpoint.END_MARK) return null;
        try {
            return (T) ValueCodec.decode(item);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an item of " + this + ": " + e.getMessage(), e);
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
            return new ProcessQueue<>(path, new RemoteQueue(Path.of(path), name(path)));
        }
    }
}
