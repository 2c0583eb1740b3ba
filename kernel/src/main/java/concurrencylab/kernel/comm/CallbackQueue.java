package concurrencylab.kernel.comm;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Widget callbacks waiting to run, one at a time, on a thread of their own: at most one per owner (an
 * interact), the newest, so a slider moved five times during a run runs once more, at its last value.
 *
 * <pre>{@code
 * queue.submit(interact, () -> runAsCell(...));   // replaces interact's job that has not started
 * }</pre>
 */
final class CallbackQueue {
    private final Map<Object, Runnable> pending = new LinkedHashMap<>(); // guarded by this

    CallbackQueue() {
        Thread.ofPlatform().daemon(true).name("widget-callbacks").start(this::loop);
    }

    /** Queues {@code job} for {@code owner}, dropping the one {@code owner} queued before, if it has not started. */
    synchronized void submit(Object owner, Runnable job) {
        pending.remove(owner); // the newest goes to the end: owners run in the order they last asked
        pending.put(owner, job);
        notifyAll();
    }

    /** How many jobs wait. */
    synchronized int waiting() {
        return pending.size();
    }

    private void loop() {
        while (true) {
            Runnable job;
            synchronized (this) {
                while (pending.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                Iterator<Runnable> first = pending.values().iterator();
                job = first.next();
                first.remove();
            }
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                System.getLogger(CallbackQueue.class.getName()).log(System.Logger.Level.WARNING, "widget callback: " + e);
            }
        }
    }
}
