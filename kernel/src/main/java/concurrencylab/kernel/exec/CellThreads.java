package concurrencylab.kernel.exec;

import concurrencylab.kernel.threads.NotebookThreads;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The cells' thread groups. Each snippet's code runs on a thread of a new group, and the platform
 * threads it creates (a pool's workers too) join that group, so an interrupt reaches them all. Groups
 * of earlier cells are known, weakly, while threads of theirs live: an interrupt while no cell runs
 * stops what finished cells left running (a spinning pool), also a thread a cell created and a later
 * one started. Virtual threads all belong to the JDK's one group for them: the stop checks reach them,
 * interrupts from here do not.
 *
 * <p>It is also the kernel's answer to which threads are the notebook's ({@link NotebookThreads}, for
 * {@code %threads} and the deadlock watch): a platform thread by its group, whose cell is noted; a
 * virtual thread by its id, since ids grow with every thread created: the id of each cell's first
 * snippet thread marks where that cell's threads begin.
 *
 * <pre>{@code
 * threads.cellStarted(7);
 * ThreadGroup group = threads.next("cell-12");   // the group the snippet's thread starts in
 * threads.runsCell(snippetThread);             // noted: it runs cell [7]'s code
 * threads.interruptCurrent();                  // an interrupt while the cell runs
 * }</pre>
 */
final class CellThreads implements NotebookThreads {
    private volatile ThreadGroup current;
    /** The cell of each group (weakly: a group goes with its last thread). */
    private final Map<ThreadGroup, Integer> cellOfGroup = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<Thread> snippetThreads = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** The first thread id of each cell's code, to the cell's execution count: entries only where the cell changes. */
    private final NavigableMap<Long, Integer> cellFromId = new ConcurrentSkipListMap<>();
    private final Supplier<Map<String, Object>> variables;
    private volatile int cell = -1;

    /** {@code variables} reads the cells' variables (to name locks after them). */
    CellThreads(Supplier<Map<String, Object>> variables) {
        this.variables = variables;
    }

    /** Cell {@code count} starts: the snippets from now on run its code. */
    void cellStarted(int count) {
        cell = count;
    }

    /** A new group for the next snippet; the one before joins the earlier groups while its threads live. */
    ThreadGroup next(String name) {
        ThreadGroup group = new ThreadGroup(name);
        cellOfGroup.put(group, cell);
        current = group;
        return group;
    }

    /** Notes that {@code thread} (created, not yet started) runs the current cell's code. */
    void snippetThread(Thread thread) {
        snippetThreads.add(thread);
        var before = cellFromId.floorEntry(thread.threadId());
        if (before == null || before.getValue() != cell) cellFromId.put(thread.threadId(), cell);
    }

    /** The group of the running (or last) snippet. */
    ThreadGroup current() {
        return current;
    }

    /**
     * Interrupts every thread of the running (or last) cell: each of its snippets has a group of its
     * own, and a thread one statement starts is often joined by the next.
     */
    void interruptCurrent() {
        ThreadGroup group = current;
        if (group != null) interruptAll(group);
        int running = cell;
        platformThreads().forEach((thread, startedIn) -> {
            if (startedIn == running) thread.interrupt();
        });
    }

    /** Interrupts every thread that earlier cells' groups still hold. */
    void interruptEarlier() {
        for (Thread t : platformThreads().keySet()) t.interrupt();
    }

    private static void interruptAll(ThreadGroup group) {
        for (Thread t : threadsOf(group)) t.interrupt();
    }

    private static List<Thread> threadsOf(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        return Arrays.asList(threads).subList(0, count);
    }

    /** Every live platform thread of a cell's group (or of a group made in one), oldest group first. */
    @Override
    public Map<Thread, Integer> platformThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Map<Thread, Integer> found = new TreeMap<>(Comparator.comparingLong(Thread::threadId));
        for (Thread t : threadsOf(root)) {
            for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
                Integer cell = cellOfGroup.get(g);
                if (cell != null) {
                    found.put(t, cell);
                    break;
                }
            }
        }
        return new LinkedHashMap<>(found);
    }

    @Override
    public boolean runsCell(Thread thread) {
        return snippetThreads.contains(thread);
    }

    @Override
    public int cellAt(long threadId) {
        var entry = cellFromId.floorEntry(threadId);
        return entry == null ? -1 : entry.getValue();
    }

    @Override
    public Map<String, Object> variables() {
        return variables.get();
    }
}
