package concurrencylab.kernel.cell;

import concurrencylab.kernel.threads.Deadlock;
import concurrencylab.kernel.threads.DeadlockReport;
import concurrencylab.kernel.threads.LockRef;
import concurrencylab.kernel.threads.NotebookThreads;
import concurrencylab.kernel.threads.ThreadCensus;
import concurrencylab.kernel.threads.ThreadDump;
import concurrencylab.kernel.threads.ThreadRow;
import concurrencylab.kernel.threads.VirtualThreads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The deadlock watch: while a cell runs (or, later, a widget's callback: {@link #start}/{@link #stop}
 * around it), it looks about once a second for threads of the notebook that wait for each other, and
 * shows each deadlock it finds in the cell at once, as a table and as a drawn wait-for cycle.
 *
 * <p>Each look asks the JDK's own detection ({@code findDeadlockedThreads}: platform threads, monitors
 * and {@code java.util.concurrent} locks; a few hundredths of a millisecond). Virtual threads it does not
 * cover: for them the watch reads the JDK's JSON thread dump, which costs more the more virtual threads
 * there are, so it does so only when a virtual thread of the notebook waits for a monitor or a lock
 * (read from the live threads, {@link VirtualThreads}), and at most as often as keeps the virtual
 * looks under half of {@value #VIRTUAL_SHARE_PERCENT}% of a core (every second for a few hundred
 * virtual threads, every minute for ten thousand). Its CPU time is counted and {@code %threads} prints it.
 *
 * <pre>{@code
 * watch.start();        // the cell begins
 * ...                   // a deadlock forms: within about a second the cell shows it
 * watch.stop();         // the cell has ended
 * watch.found();        // what it reported meanwhile
 * }</pre>
 */
final class DeadlockWatch {
    static final long PERIOD_MILLIS = 1000;
    private static final int VIRTUAL_SHARE_PERCENT = 1;
    /** A virtual look costs at most this share of the time until the next one: half the budget, the rest is the platform looks'. */
    private static final double VIRTUAL_SHARE = VIRTUAL_SHARE_PERCENT / 200.0;
    /** How long virtual threads must wait for locks with unnamed holders before the cell is told. */
    private static final long UNNAMED_NOTICE_NANOS = 2_000_000_000L;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("deadlock-watch").factory());
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Supplier<ThreadCensus> census;
    private final Consumer<Object> show;
    /** Deadlocks shown already, by their threads' ids: each is shown once per session. */
    private final Set<Set<Long>> shown = new HashSet<>();
    private final List<DeadlockReport> found = new ArrayList<>();
    private ScheduledFuture<?> task;
    /** The second look, a quarter of a second after virtual threads were seen waiting for holders. */
    private ScheduledFuture<?> confirming;
    private long started;
    private long nextVirtualLook;
    private boolean virtualSeen;
    private Set<String> unnamedWaits = Set.of();
    /** The virtual threads the last dump found waiting for locks with unnamed holders: followed live between dumps. */
    private List<ThreadRow> unnamedRows = List.of();
    private long unnamedSince;
    private boolean unnamedTold;
    // what the watch has cost, for %threads and the kernel benchmark
    private static final long CONFIRM_MILLIS = 250;
    private long checks, cpuNanos, watchedNanos, dumps, lastDumpNanos, skippedDumps;

    /** A watch over {@code census}'s threads that shows what it finds with {@code show} (the cell's display). */
    DeadlockWatch(Supplier<ThreadCensus> census, Consumer<Object> show) {
        this.census = census;
        this.show = show;
    }

    /** Starts watching: a cell, or code run like one, begins. */
    synchronized void start() {
        stopTask();
        found.clear();
        unnamedWaits = Set.of();
        unnamedRows = List.of();
        unnamedTold = false;
        started = System.nanoTime();
        nextVirtualLook = 0;
        task = timer.scheduleWithFixedDelay(this::look, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops watching, after a look in progress has ended (what it shows belongs to the cell). */
    void stop() {
        ScheduledFuture<?> t;
        synchronized (this) {
            t = task;
            task = null;
            if (t == null) return;
            t.cancel(false);
            stopConfirming();
            watchedNanos += System.nanoTime() - started;
            publishCost();
        }
    }

    private synchronized void stopTask() {
        if (task != null) task.cancel(false);
        task = null;
        stopConfirming();
    }

    private void stopConfirming() {
        if (confirming != null) confirming.cancel(false);
        confirming = null;
    }

    /** The deadlocks shown since {@link #start()}. */
    synchronized List<DeadlockReport> found() {
        return List.copyOf(found);
    }

    private synchronized void look() {
        if (task == null) return; // stopped while this look waited for the lock
        ThreadCensus c = census.get();
        if (c == null) return; // JShell has not made the engine yet
        long cpu0 = mx.getCurrentThreadCpuTime();
        try {
            for (Deadlock d : c.platformDeadlocks()) report(c, d);
            long now = System.nanoTime();
            if (now >= nextVirtualLook && confirming == null) {
                long virtual0 = mx.getCurrentThreadCpuTime();
                Optional<Set<Thread>> waiting = virtualThreadsWaitingForHolders(c);
                if (waiting.isEmpty()) {
                    dump(c, now); // the JDK's thread containers are closed to the kernel: the dump is the look
                } else if (!waiting.get().isEmpty()) {
                    // Only a wait that lasts: a dump taken while many virtual threads contend briefly for monitors
                    // (a ConcurrentHashMap's bins) has crashed the JVM on JDK 25.0.3 (GetThreadSnapshotClosure, a
                    // thread in Continuation.yield), and a deadlock's threads are still there a moment later. The
                    // second look is a task of its own, so that a cell's end never waits for it.
                    Set<Thread> first = waiting.get();
                    confirming = timer.schedule(() -> confirm(first), CONFIRM_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    noticeUnnamed(c, List.of(), now);
                }
                long spent = mx.getCurrentThreadCpuTime() - virtual0;
                nextVirtualLook = now + Math.max(PERIOD_MILLIS * 1_000_000 - 50_000_000, (long) (spent / VIRTUAL_SHARE));
            } else if (!unnamedRows.isEmpty() && !unnamedTold) {
                noticeUnnamed(c, stillWaiting(unnamedRows), now);
            }
        } catch (Exception | LinkageError e) {
            // a thread ending while it is looked at, a full disk for the dump: the next look tries again
        } finally {
            checks++;
            cpuNanos += mx.getCurrentThreadCpuTime() - cpu0;
            publishCost();
        }
    }

    /** The second look at virtual threads found waiting for holders: a dump if some of them still wait. */
    private synchronized void confirm(Set<Thread> waiting) {
        confirming = null;
        if (task == null) return;
        ThreadCensus c = census.get();
        if (c == null) return;
        long cpu0 = mx.getCurrentThreadCpuTime();
        try {
            long now = System.nanoTime();
            Optional<List<Thread>> again = VirtualThreads.live();
            Set<Thread> still = again.isEmpty() ? waiting : waitingForHolders(c.notebook(), again.get());
            still.retainAll(waiting);
            if (still.isEmpty()) {
                noticeUnnamed(c, List.of(), now);
            } else {
                dump(c, now);
            }
            long spent = mx.getCurrentThreadCpuTime() - cpu0;
            nextVirtualLook = Math.max(nextVirtualLook, now + (long) (spent / VIRTUAL_SHARE));
        } catch (Exception | LinkageError e) {
            // as in look(): the next look tries again
        } finally {
            cpuNanos += mx.getCurrentThreadCpuTime() - cpu0;
            publishCost();
        }
    }

    private void dump(ThreadCensus c, long now) throws Exception {
        long dump0 = mx.getCurrentThreadCpuTime();
        ThreadCensus.VirtualLook look = c.virtualLook();
        lastDumpNanos = mx.getCurrentThreadCpuTime() - dump0;
        dumps++;
        virtualSeen = look.virtualThreads() > 0;
        for (Deadlock d : look.deadlocks()) report(c, d);
        noticeUnnamed(c, look.unnamedHolders(), now);
    }

    /**
     * The notebook's virtual threads that wait for a monitor or a lock that a thread holds, so that a thread
     * dump could show a cycle through them. Read from the live threads ({@link VirtualThreads}: well under a
     * millisecond for ten thousand), so that threads which sleep or wait on queues and latches cost no dump
     * (150-350 ms of CPU for ten thousand). Empty (no set at all) where the JDK's thread containers are not
     * open to the kernel and any virtual thread may: then the dump is the look.
     */
    private Optional<Set<Thread>> virtualThreadsWaitingForHolders(ThreadCensus c) {
        Optional<List<Thread>> live = VirtualThreads.live();
        if (live.isEmpty()) {
            return virtualSeen || ThreadCensus.carriersExist() ? Optional.empty() : Optional.of(Set.of());
        }
        Set<Thread> waiting = waitingForHolders(c.notebook(), live.get());
        if (!waiting.isEmpty() && live.get().size() > VirtualThreads.DUMP_LIMIT) {
            skippedDumps++; // seconds of CPU and a file of gigabytes: the watch says it could not look
            return Optional.of(Set.of());
        }
        return Optional.of(waiting);
    }

    private static Set<Thread> waitingForHolders(NotebookThreads notebook, List<Thread> live) {
        Set<Thread> waiting = new HashSet<>();
        for (Thread t : live) {
            if (VirtualThreads.waitsForAHolder(t) && notebook.cellAt(t.threadId()) >= 0) waiting.add(t);
        }
        return waiting;
    }

    /**
     * Those of {@code rows} (virtual threads a dump found waiting for locks) that still park on the same
     * lock, read from the live threads: between dumps, which come seconds apart when they cost more.
     */
    private static List<ThreadRow> stillWaiting(List<ThreadRow> rows) {
        Optional<List<Thread>> live = VirtualThreads.live();
        if (live.isEmpty()) return rows;
        Map<Long, Thread> byId = new HashMap<>();
        for (Thread t : live.get()) byId.put(t.threadId(), t);
        List<ThreadRow> still = new ArrayList<>();
        for (ThreadRow r : rows) {
            Thread t = byId.get(r.id());
            Object blocker = t == null ? null : LockSupport.getBlocker(t);
            if (blocker != null && LockRef.of(blocker).equals(r.waiting().lock())) still.add(r);
        }
        return still;
    }

    private void report(ThreadCensus c, Deadlock d) {
        if (!shown.add(d.ids())) return;
        DeadlockReport report = c.report(d);
        found.add(report);
        show.accept(report);
        show.accept(report.drawing());
    }

    /**
     * Tells the cell once when virtual threads have waited a while for {@code java.util.concurrent} locks
     * whose holders the JDK does not name: a deadlock among them is one the watch cannot see.
     */
    private void noticeUnnamed(ThreadCensus c, List<ThreadRow> waiting, long now) {
        unnamedRows = waiting;
        Set<String> waits = waiting.stream().map(r -> r.id() + "/" + r.waiting().lock().id()).collect(Collectors.toSet());
        if (!waits.equals(unnamedWaits)) {
            unnamedWaits = waits;
            unnamedSince = now;
            return;
        }
        if (unnamedTold || waits.size() < 2 || now - unnamedSince < UNNAMED_NOTICE_NANOS) return;
        unnamedTold = true;
        StringBuilder told = new StringBuilder("Possibly deadlocked: " + waiting.size() + " virtual threads have waited "
                + (now - unnamedSince) / 1_000_000_000 + " s or more for java.util.concurrent locks whose holders the JDK does not"
                + " name (it names no virtual thread as the holder of such a lock), so the kernel cannot tell whether they wait for"
                + " each other. %threads lists them.");
        for (String line : c.describe(waiting)) told.append("\n  ").append(line);
        System.out.println(told);
    }

    /**
     * Takes one look of each kind and throws it away: the first JSON thread dump and its parsing load some
     * hundred classes (tens of milliseconds), which the first cell's look would otherwise pay. Run while the
     * kernel is idle after its start.
     */
    static void warmUp() {
        try {
            ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            ThreadDump.take();
        } catch (Exception | LinkageError e) {
            // the first look pays, then
        }
    }

    private void publishCost() {
        long watching = task != null ? System.nanoTime() - started : 0;
        ThreadCensus c = census.get();
        if (c != null) c.reportWatchCost(new ThreadCensus.WatchCost(checks, cpuNanos, watchedNanos + watching, dumps, lastDumpNanos, skippedDumps));
    }
}
