package concurrencylab.kernel.cell;

import concurrencylab.kernel.threads.Deadlock;
import concurrencylab.kernel.threads.DeadlockReport;
import concurrencylab.kernel.threads.ThreadCensus;
import concurrencylab.kernel.threads.ThreadRow;
import concurrencylab.kernel.threads.Waiting;
import concurrencylab.kernel.threads.WaitForGraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an interrupt could not stop. The stop checks end a thread at its next loop or call, and an
 * interrupt ends its sleeps and waits; a thread blocked entering {@code synchronized}, or parked in
 * {@code ReentrantLock.lock()}, notices neither, and a thread in library or native code without stop
 * checks runs on. Once a cell is stopped, this looks at the threads it started that are still alive,
 * and the cell's error lists those: name, state, what they wait for and who holds it, the cell line,
 * and the deadlock they are in, if any. {@code %threads} keeps listing them until they end (for a
 * deadlock: until the kernel restarts).
 *
 * <pre>{@code
 * CellError error = stopReport.extend(Tracebacks.interrupted(7), 7);
 * }</pre>
 */
final class StopReport {
    /** How long the interrupted threads get to end before they count as survivors. */
    private static final long GRACE_NANOS = 300_000_000;
    private static final long POLL_MILLIS = 20;

    private final Supplier<ThreadCensus> census;

    StopReport(Supplier<ThreadCensus> census) {
        this.census = census;
    }

    /** {@code error}, the error of stopped cell {@code count}, with the threads of the cell that outlived the stop. */
    CellError extend(CellError error, int count) {
        try {
            ThreadCensus c = census.get();
            if (c == null) return error;
            // No thread of the cell left and no virtual thread running lately: nothing to look at (no thread dump).
            if (!awaitSettled(c, count) && !ThreadCensus.carriersExist()) return error;
            List<ThreadRow> rows = c.notebookThreads().stream().filter(r -> r.cell() == count).toList();
            List<ThreadRow> stuck = rows.stream().filter(StopReport::cannotBeStopped).toList();
            if (stuck.isEmpty()) return error;
            c.survived(stuck, count);
            List<Deadlock> deadlocks = WaitForGraph.cycles(rows);
            List<String> trace = new ArrayList<>(error.traceback());
            Set<Long> inDeadlock = new HashSet<>();
            for (Deadlock d : deadlocks) {
                DeadlockReport report = c.report(d);
                trace.add(report.headline());
                for (String line : report.threadLines()) trace.add("  " + line);
                inDeadlock.addAll(d.ids());
            }
            List<ThreadRow> others = stuck.stream().filter(r -> !inDeadlock.contains(r.id())).toList();
            if (!others.isEmpty()) {
                int k = others.size();
                trace.add((k == 1 ? "1 thread" : k + " threads") + (inDeadlock.isEmpty() ? "" : " more") + " the cell started cannot be stopped:");
                for (String line : c.describe(others)) trace.add("  " + line);
            }
            int n = stuck.size();
            trace.add((n == 1 ? "This thread still lives" : "These " + n + " threads still live") + ": a thread blocked entering"
                    + " synchronized, or in ReentrantLock.lock(), ignores interrupts, and code without stop checks (the JDK's,"
                    + " a library's) runs on. " + (n == 1 ? "It stays until it finishes" : "They stay until they finish")
                    + " or the kernel restarts; %threads lists " + (n == 1 ? "it." : "them."));
            String evalue = error.evalue() + "; " + (n == 1 ? "1 of its threads" : n + " of its threads") + " cannot be stopped"
                    + (deadlocks.isEmpty() ? "" : " (deadlocked)");
            return new CellError(error.ename(), evalue, trace);
        } catch (Exception | LinkageError e) {
            return error; // the interrupt's own error, rather than none
        }
    }

    /**
     * Waits until the cell's platform threads have ended or settled (none runnable, the same set twice in a
     * row), at most {@link #GRACE_NANOS}: interrupted sleeps and waits end within milliseconds. Returns at
     * once, false, when the cell left no platform thread.
     */
    private static boolean awaitSettled(ThreadCensus c, int count) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE_NANOS;
        List<Thread> before = null;
        while (System.nanoTime() < deadline) {
            List<Thread> live = new ArrayList<>();
            boolean running = false;
            for (Map.Entry<Thread, Integer> e : c.notebook().platformThreads().entrySet()) {
                if (e.getValue() != count || !e.getKey().isAlive()) continue;
                live.add(e.getKey());
                running |= e.getKey().getState() == Thread.State.RUNNABLE;
            }
            if (live.isEmpty()) return false;
            if (!running && live.equals(before)) return true;
            before = live;
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** A thread still alive after the stop that will not end by itself soon: blocked on a lock, or running on. */
    private static boolean cannotBeStopped(ThreadRow t) {
        if (t.state() == Thread.State.RUNNABLE) return true;
        return t.waiting() != null && (t.waiting().kind() == Waiting.Kind.MONITOR || t.waiting().kind() == Waiting.Kind.LOCK);
    }
}
