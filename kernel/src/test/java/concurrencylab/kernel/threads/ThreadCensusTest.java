package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The census on real threads of this JVM, left deadlocked (daemon threads: the test JVM ends anyway).
 * The notebook's threads are those the test says are; virtual ones are those created after it began.
 */
class ThreadCensusTest {
    private final Map<Thread, Integer> platform = new LinkedHashMap<>();
    private final long firstId = Thread.ofVirtual().unstarted(() -> { }).threadId();
    private final ThreadCensus census = new ThreadCensus(new NotebookThreads() {
        public Map<Thread, Integer> platformThreads() { return platform; }
        public boolean runsCell(Thread thread) { return false; }
        public int cellAt(long threadId) { return threadId > firstId ? 7 : -1; }
        public Map<String, Object> variables() { return Map.of(); }
    }, CellLines.NONE);

    @Test
    void findsAPlatformDeadlockOnReentrantLocksThroughTheJdk() throws Exception {
        var a = new ReentrantLock();
        var b = new ReentrantLock();
        var met = new CyclicBarrier(2);
        Thread t1 = daemon("census-r1", () -> { a.lock(); await(met); b.lock(); });
        Thread t2 = daemon("census-r2", () -> { b.lock(); await(met); a.lock(); });
        platform.put(t1, 7);
        platform.put(t2, 7);
        awaitState(Thread.State.WAITING, t1, t2);
        List<Deadlock> found = census.platformDeadlocks();
        assertEquals(1, found.size());
        assertEquals(List.of("census-r1", "census-r2"), found.getFirst().threads().stream().map(ThreadRow::name).toList());
        assertTrue(found.getFirst().threads().stream().allMatch(r -> r.waiting().kind() == Waiting.Kind.LOCK));
        var table = census.table(census.notebookThreads(), false).toString();
        assertTrue(table.contains("2 deadlocked"), table);
        assertTrue(table.matches("(?s).*census-r1\\s+platform\\s+WAITING, deadlocked\\s+ReentrantLock.lock.*"), table);
    }

    @Test
    void findsAVirtualDeadlockOnMonitorsInTheThreadDump() throws Exception {
        Object x = new Object(), y = new Object();
        var met = new CyclicBarrier(2);
        Thread v1 = Thread.ofVirtual().name("census-v1").start(() -> { synchronized (x) { await(met); synchronized (y) { } } });
        Thread v2 = Thread.ofVirtual().name("census-v2").start(() -> { synchronized (y) { await(met); synchronized (x) { } } });
        awaitState(Thread.State.BLOCKED, v1, v2);
        assertEquals(List.of(), census.platformDeadlocks(), "the JDK's own detection does not see virtual threads");
        ThreadCensus.VirtualLook look = census.virtualLook();
        var cycle = look.deadlocks().stream().filter(d -> d.ids().contains(v1.threadId())).findFirst().orElseThrow();
        assertEquals(List.of("census-v1", "census-v2"), cycle.threads().stream().map(ThreadRow::name).toList());
        assertTrue(cycle.hasVirtual());
        assertTrue(census.report(cycle).toString().contains("waits to enter synchronized"));
    }

    @Test
    void aVirtualThreadWaitingForAReentrantLockThatAVirtualThreadHoldsHasNoNamedHolder() throws Exception {
        var lock = new ReentrantLock();
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> { lock.lock(); await(release); });
        while (!lock.isLocked()) Thread.sleep(1);
        Thread waiter = Thread.ofVirtual().name("census-waiter").start(lock::lock);
        awaitState(Thread.State.WAITING, waiter);
        try {
            var row = census.virtualLook().unnamedHolders().stream().filter(r -> r.id() == waiter.threadId()).findFirst().orElseThrow();
            assertEquals(-1, row.holderId(), "the JDK does not name a virtual holder of a java.util.concurrent lock");
            assertEquals(Waiting.Kind.LOCK, row.waiting().kind());
        } finally {
            release.countDown();
            holder.join();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        return Thread.ofPlatform().daemon().name(name).start(r);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitState(Thread.State state, Thread... threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : threads) {
            while (t.getState() != state) {
                if (System.nanoTime() > deadline) fail(t.getName() + " never reached " + state + ": " + t.getState());
                Thread.sleep(2);
            }
        }
    }
}
