package concurrencylab.async;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One thread that runs everything: what asyncio's event loop is, built on a {@link Selector}.
 * Callbacks run one at a time on the thread that called {@link #runUntilDone}; a callback that
 * blocks (a {@code Thread.sleep}, a long computation) stalls every other task on the loop.
 *
 * <pre>{@code
 * try (var loop = new EventLoop()) {
 *     loop.expect(1);
 *     loop.after(Duration.ofMillis(100), () -> { System.out.println("tick"); loop.done(); });
 *     loop.runUntilDone();                      // returns after about 100 ms
 * }
 * }</pre>
 *
 * <p>Other threads may only call {@link #execute}: it queues a callback for the loop thread and wakes
 * it, which is how completion handlers of {@link java.nio.channels.AsynchronousFileChannel} hand
 * their results back.
 */
public final class EventLoop implements AutoCloseable {
    private record Timer(long dueNanos, long order, Runnable action) {}

    private final Selector selector;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private long timerOrder;
    private int outstanding;

    /** Opens the loop's selector. */
    public EventLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
        }
    }

    /** Counts {@code tasks} more tasks that must call {@link #done()} before {@link #runUntilDone} returns. */
    public void expect(int tasks) {
        outstanding += tasks;
    }

    /** One expected task finished. Loop thread only. */
    public void done() {
        outstanding--;
    }

    /** Runs {@code action} on the loop thread after {@code delay}. Loop thread only. */
    public void after(Duration delay, Runnable action) {
        timers.add(new Timer(System.nanoTime() + delay.toNanos(), timerOrder++, action));
    }

    /** Runs {@code action} on the loop thread soon; safe from any thread. */
    public void execute(Runnable action) {
        posted.add(action);
        selector.wakeup();
    }

    /**
     * Calls {@code handler} on the loop thread each time {@code channel} is ready for {@code ops}
     * (a {@link SelectionKey} {@code OP_*} set); the handler changes or cancels the key as it goes.
     * Loop thread only.
     */
    public SelectionKey register(SelectableChannel channel, int ops, Consumer<SelectionKey> handler) {
        try {
            channel.configureBlocking(false);
            return channel.register(selector, ops, handler);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("cannot register a closed channel", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs callbacks, timers and channel events until every expected task called {@link #done()}.
     *
     * @throws InterruptedException when the loop thread is interrupted; open channels are closed
     */
    @SuppressWarnings("unchecked")
    public void runUntilDone() throws InterruptedException {
        while (outstanding > 0) {
            if (Thread.interrupted()) {
                close();
                throw new InterruptedException("event loop interrupted with " + outstanding + " tasks unfinished");
            }
            runPosted();
            long now = System.nanoTime();
            while (!timers.isEmpty() && timers.peek().dueNanos <= now) {
                timers.poll().action.run();
                now = System.nanoTime();
            }
            if (outstanding <= 0) break;
            long waitMillis = timers.isEmpty() ? 0 : Math.max(1, (timers.peek().dueNanos - now + 999_999) / 1_000_000);
            try {
                if (posted.isEmpty()) selector.select(waitMillis); // 0 = until a channel, a post or an interrupt
                else selector.selectNow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (key.isValid()) ((Consumer<SelectionKey>) key.attachment()).accept(key);
            }
        }
    }

    private void runPosted() {
        for (Runnable r; (r = posted.poll()) != null; ) r.run();
    }

    /** Closes the selector and every channel still registered with it. */
    @Override
    public void close() {
        if (!selector.isOpen()) return;
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing on the way out: nothing more to do
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // as above
        }
    }
}
