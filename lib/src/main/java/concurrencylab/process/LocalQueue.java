package concurrencylab.process;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The items of a {@link ProcessQueue}, kept in the JVM that created it, and the {@link QueueServer}
 * through which other JVMs reach them.
 */
final class LocalQueue implements QueueEndpoint {
    private final Path path;
    private final LinkedBlockingDeque<byte[]> items;
    private final QueueServer server;
    private final Object unfinishedLock = new Object();
    private long unfinished;
    private volatile boolean closed;

    /** A queue of at most {@code capacity} items, served at {@code path}. */
    LocalQueue(Path path, int capacity) {
        this.path = path;
        this.items = new LinkedBlockingDeque<>(capacity);
        this.server = new QueueServer(path, this);
    }

    @Override
    public void put(byte[] item) throws InterruptedException {
        checkOpen();
        if (item != END_MARK) { // the sentinel needs no taskDone()
            synchronized (unfinishedLock) {
                unfinished++;
            }
        }
        items.put(item);
        if (closed) throw closedError();
    }

    @Override
    public void putEnd() throws InterruptedException {
        put(END_MARK);
    }

    @Override
    public byte[] take() throws InterruptedException {
        checkOpen();
        byte[] item = items.take();
        if (closed) throw closedError();
        return item;
    }

    @Override
    public byte[] poll(long nanos) throws InterruptedException {
        checkOpen();
        return items.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** An item taken for a client whose reply never left: it goes back at the head. */
    void putBack(byte[] item) {
        if (item != END_MARK && !closed) items.offerFirst(item);
    }

    @Override
    public void taskDone() {
        synchronized (unfinishedLock) {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() was called more times than items were put on " + path.getFileName());
            }
            if (--unfinished == 0) unfinishedLock.notifyAll();
        }
    }

    @Override
    public void join() throws InterruptedException {
        synchronized (unfinishedLock) {
            while (unfinished > 0 && !closed) unfinishedLock.wait();
        }
        if (closed) throw closedError();
    }

    @Override
    public int size() {
        return items.size();
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the queue everywhere: the server and its clients, and the threads waiting here. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        server.close();
        // Local threads waiting in take() or join() wake up and see the queue closed.
        for (int i = 0; i < 64; i++) items.offerFirst(END_MARK);
        synchronized (unfinishedLock) {
            unfinishedLock.notifyAll();
        }
    }

    private void checkOpen() {
        if (closed) throw closedError();
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("ProcessQueue[" + path.getFileName() + "] is closed");
    }
}
