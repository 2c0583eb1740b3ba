package concurrencylab.kernel.exec;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cells' thread groups. Each snippet's code runs on a thread of a new group, and the platform
 * threads it starts (a pool's workers too) join that group, so an interrupt reaches them all. Groups
 * of earlier cells are kept, weakly, while threads of theirs live: an interrupt while no cell runs
 * stops what finished cells left running (a spinning pool). Virtual threads all belong to the JDK's
 * one group for them: the stop checks reach them, interrupts from here do not.
 *
 * <pre>{@code
 * ThreadGroup group = threads.next("cell-7");   // the group the snippet's thread starts in
 * threads.interruptCurrent();                  // an interrupt while the cell runs
 * }</pre>
 */
final class CellThreads {
    private volatile ThreadGroup current;
    private final List<WeakReference<ThreadGroup>> earlier = new CopyOnWriteArrayList<>();

    /** A new group for the next snippet; the one before joins the earlier groups while its threads live. */
    ThreadGroup next(String name) {
        ThreadGroup group = new ThreadGroup(name);
        if (current != null) earlier.add(new WeakReference<>(current));
        earlier.removeIf(ref -> ref.get() == null || ref.get().activeCount() == 0);
        current = group;
        return group;
    }

    /** The group of the running (or last) snippet. */
    ThreadGroup current() {
        return current;
    }

    /** Interrupts every thread of the running (or last) snippet's group. */
    void interruptCurrent() {
        ThreadGroup group = current;
        if (group != null) interruptAll(group);
    }

    /** Interrupts every thread that earlier cells' groups still hold. */
    void interruptEarlier() {
        for (var ref : earlier) {
            ThreadGroup g = ref.get();
            if (g != null) interruptAll(g);
        }
    }

    private static void interruptAll(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        for (int i = 0; i < count; i++) threads[i].interrupt();
    }
}
