package concurrencylab.process;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The items of a {@link ProcessQueue}, kept in the JVM that created it, and the {@link QueueServer}
 * through which other JVMs reach them. One lock guards the items, the count of items not yet done and
 * the closed flag, so {@link #close()} wakes every thread waiting here, however many there are.
 */
final class LocalQueue implements QueueEndpoint {
    private final Path path;
    private final int capacity;
    private final QueueServer server;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    /** Items put and not yet matched by a taskDone(); the sentinel needs none. */
    private long unfinished;
    private volatile boolean closed;

    /** A queue of at most {@code capacity} items, served at {@code path}. */
    LocalQueue(Path path, int capacity) {
        this.path = path;
        this.capacity = capacity;
        this.server = new QueueServer(path, this);
    }

    @Override
    public void put(byte[] item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && items.size() >= capacity) notFull.await();
            checkOpen();
            items.addLast(item);
            if (item != END_MARK) unfinished++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putEnd() throws InterruptedException {
        put(END_MARK);
    }

    @Override
    public byte[] take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && items.isEmpty()) notEmpty.await();
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public byte[] poll(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && items.isEmpty()) {
                if (nanos <= 0) return null;
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held and an item waiting, or the queue closed. */
    private byte[] removeFirst() {
        checkOpen();
        byte[] item = items.removeFirst();
        notFull.signal();
        return item;
    }

    /** An item taken for a client whose reply never left: it goes back at the head, even into a full queue. */
    void putBack(byte[] item) {
        lock.lock();
        try {
            if (closed) return;
            items.addFirst(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void taskDone() {
        lock.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() was called more times than items were put on " + path.getFileName());
            }
            if (--unfinished == 0) allDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void join() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && unfinished > 0) allDone.await();
            checkOpen();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the queue everywhere: the threads waiting here and the server's clients get {@code is closed}. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
            allDone.signalAll();
        } finally {
            lock.unlock();
        }
        server.close();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("ProcessQueue[" + path.getFileName() + "] is closed");
    }
}
