package concurrencylab.kernel.threads;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Looks at the notebook's threads, or at every thread of the JVM: platform threads through the JDK's
 * {@code ThreadMXBean} (state, the lock each waits for and its holder, the locks each holds, CPU time),
 * virtual threads through its JSON thread dump ({@link ThreadDump}), which the management beans do not
 * cover. Each thread becomes a {@link ThreadRow}, with the holder of what it waits for resolved across
 * both views where the JDK tells it. {@code %threads} shows the rows; the deadlock watch and the
 * interrupt's error follow them from waiter to holder ({@link WaitForGraph}).
 *
 * <pre>{@code
 * var census = new ThreadCensus(notebookThreads, cellLines);
 * ThreadTable table = census.table(census.notebookThreads());   // what %threads shows
 * }</pre>
 */
public final class ThreadCensus {
    private final NotebookThreads notebook;
    private final CellLines cellLines;
    private final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Threads that outlived an interrupt of their cell, by id: %threads says so until they end. */
    private final Map<Long, Integer> survivors = new ConcurrentHashMap<>();
    private volatile WatchCost watchCost;

    public ThreadCensus(NotebookThreads notebook, CellLines cellLines) {
        this.notebook = notebook;
        this.cellLines = cellLines;
    }

    /** How frames of cell code are named. */
    public CellLines cellLines() {
        return cellLines;
    }

    /** Which threads are the notebook's. */
    public NotebookThreads notebook() {
        return notebook;
    }

    /** The threads cells started and that live now, platform and virtual, oldest first. */
    public List<ThreadRow> notebookThreads() throws IOException {
        Map<Thread, Integer> platform = notebook.platformThreads();
        List<ThreadRow> rows = platformRows(platform);
        rows.addAll(virtualRows(t -> notebook.cellAt(t.id()) >= 0));
        return resolveHolders(rows);
    }

    /** Every thread of the JVM: the kernel's, the JDK's and the notebook's, platform and virtual. */
    public List<ThreadRow> allThreads() throws IOException {
        Map<Thread, Integer> platform = new LinkedHashMap<>();
        Map<Thread, Integer> cells = notebook.platformThreads();
        for (Thread t : Thread.getAllStackTraces().keySet()) platform.put(t, cells.getOrDefault(t, -1));
        List<ThreadRow> rows = platformRows(platform);
        rows.addAll(virtualRows(t -> true));
        return resolveHolders(rows);
    }

    /** The table {@code %threads} shows for {@code rows}. */
    public ThreadTable table(List<ThreadRow> rows, boolean all) {
        if (!all) forgetEnded(rows);
        return new ThreadTable(rows, all, this);
    }

    /** Notes that these threads outlived the interrupt of cell {@code cell}. */
    public void survived(List<ThreadRow> rows, int cell) {
        for (ThreadRow r : rows) survivors.putIfAbsent(r.id(), cell);
    }

    /** The cell whose interrupt the thread outlived, or -1. */
    int survivorOf(long threadId) {
        return survivors.getOrDefault(threadId, -1);
    }

    /** Forgets survivors that have ended. */
    void forgetEnded(List<ThreadRow> live) {
        var ids = live.stream().map(ThreadRow::id).collect(java.util.stream.Collectors.toSet());
        survivors.keySet().retainAll(ids);
    }

    /** What the deadlock watch has cost so far, for the table's last line; null before it first ran. */
    public void reportWatchCost(WatchCost cost) {
        this.watchCost = cost;
    }

    WatchCost watchCost() {
        return watchCost;
    }

    /** Names for the locks among the cells' variables, found through {@code rows}' waiting threads. */
    LockNames lockNames(List<ThreadRow> rows) {
        try {
            Map<Long, Thread> byId = new HashMap<>();
            for (Thread t : notebook.platformThreads().keySet()) byId.put(t.threadId(), t);
            if (rows.stream().anyMatch(r -> r.virtual() && r.waiting() != null && r.waiting().kind() == Waiting.Kind.LOCK)) {
                VirtualThreads.live().ifPresent(live -> live.forEach(t -> byId.put(t.threadId(), t)));
            }
            Map<Thread, LockRef> waiting = new HashMap<>();
            for (ThreadRow r : rows) {
                Thread t = byId.get(r.id());
                if (t != null && r.waiting() != null && r.waiting().kind() == Waiting.Kind.LOCK) waiting.put(t, r.waiting().lock());
            }
            return LockNames.of(notebook.variables(), waiting);
        } catch (RuntimeException | LinkageError e) {
            return LockNames.none(); // a cell class that no longer loads: locks keep the JDK's names
        }
    }

    // ------------------------------------------------------------------------------ deadlocks

    /** The deadlock report of {@code deadlock}, its locks named after the cells' variables where they can be. */
    public DeadlockReport report(Deadlock deadlock) {
        return new DeadlockReport(deadlock, new ThreadWords(cellLines, lockNames(deadlock.threads())));
    }

    /** The sentences about {@code rows}' threads, for the interrupt's error. */
    public List<String> describe(List<ThreadRow> rows) {
        ThreadWords words = new ThreadWords(cellLines, lockNames(rows));
        Map<Long, ThreadRow> byId = new HashMap<>();
        for (ThreadRow r : rows) byId.put(r.id(), r);
        List<String> lines = new ArrayList<>();
        for (ThreadRow r : rows) {
            String waits = words.waits(r, byId.get(r.holderId()));
            String call = Frames.call(r.stack());
            String at = words.innermostCellLine(r);
            lines.add(words.who(r) + " " + r.state() + (waits != null ? ", " + waits
                    : (call != null ? ", in " + call : "") + (at != null ? " at " + at : "")));
        }
        return lines;
    }

    /**
     * Deadlocks among platform threads, by the JDK's own detection ({@code findDeadlockedThreads}: monitors
     * and {@code java.util.concurrent} locks; cheap, it runs at a safepoint), with at least one of the
     * notebook's threads in each.
     */
    public List<Deadlock> platformDeadlocks() {
        long[] ids = mx.findDeadlockedThreads();
        if (ids == null) return List.of();
        return notebookCycles(resolveHolders(platformRows(ids)));
    }

    /**
     * A look at the virtual threads (with the platform threads they may wait for) in the JSON thread dump:
     * the cycles that take in a virtual thread, and the virtual threads that wait for a
     * {@code java.util.concurrent} lock whose holder the JDK does not name.
     *
     * @param virtualThreads how many virtual threads the dump had
     * @param deadlocks      cycles with a virtual thread and a thread of the notebook in each
     * @param unnamedHolders virtual threads of the notebook waiting for a lock whose holder the JDK does not name
     */
    public record VirtualLook(int virtualThreads, List<Deadlock> deadlocks, List<ThreadRow> unnamedHolders) {}

    /** Takes a JSON thread dump and follows its virtual threads' waits. */
    public VirtualLook virtualLook() throws IOException {
        List<ThreadDump.Dumped> dump = ThreadDump.take();
        List<ThreadRow> virtual = virtualRows(dump, t -> true);
        if (virtual.isEmpty()) return new VirtualLook(0, List.of(), List.of());
        Map<Thread, Integer> cells = notebook.platformThreads();
        Map<Long, Thread> byId = new HashMap<>();
        for (Thread t : cells.keySet()) byId.put(t.threadId(), t);
        // Platform threads: those that wait through the management bean (it names holders, virtual ones too), the rest from the dump.
        List<Long> waiting = new ArrayList<>();
        List<ThreadRow> rows = new ArrayList<>(virtual);
        for (ThreadDump.Dumped t : dump) {
            if (t.virtual()) continue;
            if (t.blockedOn() != null || t.parkBlocker() != null) waiting.add(t.id());
            else if (!t.monitors().isEmpty()) rows.add(dumpedRow(t, cellOf(byId.get(t.id()), cells)));
        }
        boolean lockWaits = virtual.stream().anyMatch(r -> r.waiting() != null && r.waiting().kind() == Waiting.Kind.LOCK);
        if (!waiting.isEmpty()) {
            for (ThreadInfo info : mx.getThreadInfo(waiting.stream().mapToLong(Long::longValue).toArray(), true, false)) {
                if (info == null) continue;
                Thread t = byId.get(info.getThreadId());
                rows.add(platformRow(info, -1, cellOf(t, cells), t != null && notebook.runsCell(t)));
            }
        }
        rows = resolveHolders(rows);
        if (lockWaits && rows.stream().anyMatch(r -> r.virtual() && r.waiting() != null && r.waiting().kind() == Waiting.Kind.LOCK && r.holderId() < 0)) {
            rows = withPlatformLockHolders(rows, dump);
        }
        List<Deadlock> cycles = notebookCycles(rows).stream().filter(Deadlock::hasVirtual).toList();
        List<ThreadRow> unnamed = rows.stream().filter(r -> r.virtual() && r.cell() >= 0 && r.waiting() != null
                && r.waiting().kind() == Waiting.Kind.LOCK && r.holderId() < 0).toList();
        return new VirtualLook(virtual.size(), cycles, unnamed);
    }

    /**
     * The holders of the {@code java.util.concurrent} locks virtual threads wait for, where platform threads
     * hold them: the JDK lists the locks a platform thread holds only by walking the heap, so this is done
     * only when a virtual thread waits for such a lock.
     */
    private List<ThreadRow> withPlatformLockHolders(List<ThreadRow> rows, List<ThreadDump.Dumped> dump) {
        long[] platform = dump.stream().filter(t -> !t.virtual()).mapToLong(ThreadDump.Dumped::id).toArray();
        Map<LockRef, ThreadInfo> holders = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(platform, false, true)) {
            if (info != null) for (LockInfo l : info.getLockedSynchronizers()) holders.put(LockRef.of(l), info);
        }
        List<ThreadRow> out = new ArrayList<>(rows.size());
        for (ThreadRow r : rows) {
            ThreadInfo h = r.waiting() != null && r.holderId() < 0 ? holders.get(r.waiting().lock()) : null;
            out.add(h != null && h.getThreadId() != r.id() ? r.withHolder(h.getThreadId(), h.getThreadName()) : r);
        }
        // the holders themselves must be in the graph, with what they wait for
        return out;
    }

    private static int cellOf(Thread t, Map<Thread, Integer> cells) {
        return t == null ? -1 : cells.getOrDefault(t, -1);
    }

    /** The cycles among {@code rows} that take in at least one of the notebook's threads. */
    private static List<Deadlock> notebookCycles(List<ThreadRow> rows) {
        return WaitForGraph.cycles(rows).stream().filter(d -> d.threads().stream().anyMatch(t -> t.cell() >= 0)).toList();
    }

    /**
     * True while the JDK's scheduler for virtual threads has carrier threads: a virtual thread that ran
     * lately had one (they end after some idle seconds). Cheap: it looks at the platform threads only.
     */
    public static boolean carriersExist() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] all = new Thread[root.activeCount() + 32];
        int n = root.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            if (all[i].getClass().getName().equals("jdk.internal.misc.CarrierThread")) return true;
        }
        return false;
    }

    // ----------------------------------------------------------------------------------- platform

    /** Rows for live platform threads, each with its cell (-1: none). */
    List<ThreadRow> platformRows(Map<Thread, Integer> threads) {
        List<Thread> list = new ArrayList<>(threads.keySet());
        list.removeIf(t -> t.isVirtual() || !t.isAlive());
        long[] ids = list.stream().mapToLong(Thread::threadId).toArray();
        ThreadInfo[] infos = ids.length == 0 ? new ThreadInfo[0] : mx.getThreadInfo(ids, true, true);
        long[] cpu = ids.length == 0 ? new long[0] : mx.getThreadCpuTime(ids);
        List<ThreadRow> rows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) continue; // ended meanwhile
            Thread t = list.get(i);
            rows.add(platformRow(infos[i], cpu[i], threads.get(t), notebook.runsCell(t)));
        }
        return rows;
    }

    /** Rows for the platform threads with these ids (the deadlock watch's: it has ids, not threads). */
    List<ThreadRow> platformRows(long[] ids) {
        Map<Long, Thread> byId = new HashMap<>();
        Map<Thread, Integer> cells = notebook.platformThreads();
        for (Thread t : cells.keySet()) byId.put(t.threadId(), t);
        ThreadInfo[] infos = mx.getThreadInfo(ids, true, false);
        List<ThreadRow> rows = new ArrayList<>();
        for (ThreadInfo info : infos) {
            if (info == null) continue;
            Thread t = byId.get(info.getThreadId());
            rows.add(platformRow(info, -1, t == null ? -1 : cells.get(t), t != null && notebook.runsCell(t)));
        }
        return rows;
    }

    static ThreadRow platformRow(ThreadInfo info, long cpuNanos, int cell, boolean runsCell) {
        List<StackTraceElement> stack = Arrays.asList(info.getStackTrace());
        Waiting waiting = waiting(info.getThreadState(), LockRef.of(info.getLockInfo()), info.getLockOwnerId() >= 0, stack);
        List<ThreadRow.Held> holds = new ArrayList<>();
        for (MonitorInfo m : info.getLockedMonitors()) holds.add(new ThreadRow.Held(LockRef.of(m), m.getLockedStackDepth()));
        for (LockInfo l : info.getLockedSynchronizers()) holds.add(new ThreadRow.Held(LockRef.of(l), -1));
        boolean known = waiting != null && waiting.kind().hasHolder() && info.getLockOwnerId() >= 0;
        return new ThreadRow(info.getThreadId(), info.getThreadName(), false, info.getThreadState(), waiting,
                known ? info.getLockOwnerId() : -1, known ? info.getLockOwnerName() : null, holds, cpuNanos, stack, cell, runsCell);
    }

    /** What a platform thread in {@code state} waits for, from the lock the JDK names and its innermost frame. */
    static Waiting waiting(Thread.State state, LockRef lock, boolean owned, List<StackTraceElement> stack) {
        if (lock == null) return null;
        return switch (state) {
            case BLOCKED -> new Waiting(Waiting.Kind.MONITOR, lock);
            case WAITING, TIMED_WAITING -> {
                boolean inWait = !stack.isEmpty() && stack.getFirst().getClassName().equals("java.lang.Object")
                        && stack.getFirst().getMethodName().startsWith("wait");
                yield new Waiting(inWait ? Waiting.Kind.NOTIFY : owned || lock.ownable() ? Waiting.Kind.LOCK : Waiting.Kind.EVENT, lock);
            }
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------ virtual

    /** Rows for the virtual threads of a JSON thread dump that {@code keep} accepts. */
    List<ThreadRow> virtualRows(Predicate<ThreadDump.Dumped> keep) throws IOException {
        return virtualRows(ThreadDump.take(), keep);
    }

    List<ThreadRow> virtualRows(List<ThreadDump.Dumped> dump, Predicate<ThreadDump.Dumped> keep) {
        List<ThreadRow> rows = new ArrayList<>();
        for (ThreadDump.Dumped t : dump) {
            if (!t.virtual() || !keep.test(t)) continue;
            rows.add(dumpedRow(t, notebook.cellAt(t.id())));
        }
        return rows;
    }

    static ThreadRow dumpedRow(ThreadDump.Dumped t, int cell) {
        Waiting waiting = t.blockedOn() != null ? new Waiting(Waiting.Kind.MONITOR, t.blockedOn())
                : t.waitingOn() != null ? new Waiting(Waiting.Kind.NOTIFY, t.waitingOn())
                : t.parkBlocker() != null ? new Waiting(t.parkBlocker().ownable() ? Waiting.Kind.LOCK : Waiting.Kind.EVENT, t.parkBlocker())
                : null;
        return new ThreadRow(t.id(), t.name(), t.virtual(), t.state(), waiting, -1, null, t.monitors(), -1, t.stack(), cell, false);
    }

    /**
     * Names the holder of what each thread waits for where the JDK did not: the holder of a monitor
     * from the monitors each thread holds, the holder of a {@code java.util.concurrent} lock from the
     * locks platform threads hold or from a platform thread waiting for the same lock.
     */
    static List<ThreadRow> resolveHolders(List<ThreadRow> rows) {
        Map<LockRef, ThreadRow> holderOf = new HashMap<>();
        for (ThreadRow r : rows) for (ThreadRow.Held h : r.holds()) holderOf.putIfAbsent(h.lock(), r);
        Map<LockRef, ThreadRow> waiterWithHolder = new HashMap<>();
        for (ThreadRow r : rows) if (r.waitsForHolder()) waiterWithHolder.putIfAbsent(r.waiting().lock(), r);
        Map<Long, String> names = new HashMap<>();
        for (ThreadRow r : rows) names.put(r.id(), r.name());
        List<ThreadRow> resolved = new ArrayList<>(rows.size());
        for (ThreadRow r : rows) {
            if (r.waiting() != null && r.waiting().kind().hasHolder() && r.holderId() < 0) {
                ThreadRow holder = holderOf.get(r.waiting().lock());
                ThreadRow other = waiterWithHolder.get(r.waiting().lock());
                if (holder != null && holder.id() != r.id()) {
                    r = r.withHolder(holder.id(), holder.name());
                } else if (other != null && other.holderId() != r.id()) {
                    r = r.withHolder(other.holderId(), other.holderName());
                }
            }
            resolved.add(r);
        }
        return resolved;
    }

    /**
     * What the deadlock watch has cost: its checks, their CPU time, and the time it watched.
     *
     * @param checks        looks for deadlocks so far
     * @param cpuNanos      CPU time of those looks
     * @param watchedNanos  wall time cells (or callbacks) ran under the watch
     * @param dumps         JSON thread dumps among the looks (for virtual threads)
     * @param lastDumpNanos CPU time of the last dump, or 0
     * @param skippedDumps  looks that took no dump though virtual threads waited for locks: too many virtual threads
     */
    public record WatchCost(long checks, long cpuNanos, long watchedNanos, long dumps, long lastDumpNanos, long skippedDumps) {
        /** The share of one core the watch used while it watched. */
        public double shareOfCore() {
            return watchedNanos == 0 ? 0 : (double) cpuNanos / watchedNanos;
        }
    }
}
