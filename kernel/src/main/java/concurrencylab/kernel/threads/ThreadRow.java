package concurrencylab.kernel.threads;

import java.util.List;

/**
 * One thread as a census saw it: what {@code %threads} shows in a row, and what the deadlock watch
 * follows from waiter to holder. Fields the JDK does not tell for a thread are -1 or null (the CPU
 * time of a virtual thread, the holder of a lock a virtual thread holds).
 *
 * <pre>{@code
 * for (ThreadRow t : census.notebookThreads())
 *     if (t.waiting() != null && t.holderId() >= 0) System.out.println(t.name() + " waits for " + t.holderName());
 * }</pre>
 *
 * @param id         {@link Thread#threadId()}
 * @param name       the thread's name ({@code ""} for most virtual threads)
 * @param virtual    a virtual thread
 * @param state      its state
 * @param waiting    what it waits for, or null
 * @param holderId   the thread holding what it waits for, or -1 (none, or not known)
 * @param holderName that thread's name, or null
 * @param holds      the locks it holds
 * @param cpuNanos   CPU time used, or -1 (virtual threads: the JDK does not measure it)
 * @param stack      its frames, innermost first
 * @param cell       the cell that started it, or -1 (the kernel's, or not known)
 * @param runsCell   the thread that runs a cell's code itself, not one the cell started
 */
public record ThreadRow(long id, String name, boolean virtual, Thread.State state, Waiting waiting,
                        long holderId, String holderName, List<Held> holds, long cpuNanos,
                        List<StackTraceElement> stack, int cell, boolean runsCell) {

    public ThreadRow {
        holds = List.copyOf(holds);
        stack = List.copyOf(stack);
    }

    /**
     * A lock a thread holds, and how deep in its stack it was taken (-1 for a {@code java.util.concurrent}
     * lock: the JDK does not record where).
     */
    public record Held(LockRef lock, int depth) {}

    /** {@code "t1"} or, for an unnamed virtual thread, {@code virtual #42}. */
    public String label() {
        return name.isEmpty() ? (virtual ? "virtual #" : "thread #") + id : name;
    }

    /** True when it waits for a lock a known thread holds: an edge of the wait-for graph. */
    boolean waitsForHolder() {
        return waiting != null && waiting.kind().hasHolder() && holderId >= 0 && holderId != id;
    }

    /** The same thread with the holder of what it waits for named. */
    ThreadRow withHolder(long id, String name) {
        return new ThreadRow(this.id, this.name, virtual, state, waiting, id, name, holds, cpuNanos, stack, cell, runsCell);
    }

    /** The frame at which it took {@code lock}, or null (not held, or not known where). */
    StackTraceElement frameHolding(LockRef lock) {
        for (Held h : holds) {
            if (h.lock().equals(lock) && h.depth() >= 0 && h.depth() < stack.size()) return stack.get(h.depth());
        }
        return null;
    }
}
