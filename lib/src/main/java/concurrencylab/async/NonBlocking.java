package concurrencylab.async;

import java.util.function.BiConsumer;

/**
 * A workload whose tasks can run on an {@link EventLoop} without blocking it: each task starts its
 * I/O, registers what it waits for, and reports its result through {@code done}.
 *
 * <pre>{@code
 * // a wait that does not block the loop:
 * public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
 *     loop.after(latency, () -> done.accept(index, null));
 * }
 * }</pre>
 */
public interface NonBlocking {

    /**
     * Starts task {@code index} on {@code loop}'s thread; calls {@code done} once, on the loop thread,
     * with the task's result (and a null error) or with its error.
     */
    void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done);
}
