package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.*;

class VirtualThreadsTest {

    private static void await(Thread t, Thread.State state) throws InterruptedException {
        for (int i = 0; i < 2000 && t.getState() != state; i++) Thread.sleep(1);
        assertEquals(state, t.getState(), t.getName());
    }

    @Test
    void findsLiveVirtualThreadsAndTellsWhichWaitForAHolder() throws Exception {
        Object monitor = new Object();
        var lock = new ReentrantLock();
        var latch = new CountDownLatch(1);
        var queue = new LinkedBlockingQueue<String>();
        Thread blocked, parkedOnLock, onLatch, onQueue, sleeper, inExecutor;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            synchronized (monitor) {
                lock.lock();
                try {
                    blocked = Thread.ofVirtual().name("blocked").start(() -> { synchronized (monitor) { } });
                    parkedOnLock = Thread.ofVirtual().name("on-lock").start(() -> { lock.lock(); lock.unlock(); });
                    onLatch = Thread.ofVirtual().name("on-latch").start(() -> { try { latch.await(); } catch (InterruptedException e) { } });
                    onQueue = Thread.ofVirtual().name("on-queue").start(() -> { try { queue.take(); } catch (InterruptedException e) { } });
                    sleeper = Thread.ofVirtual().name("sleeper").start(() -> { try { Thread.sleep(5_000); } catch (InterruptedException e) { } });
                    var submitted = new CompletableFuture<Thread>();
                    executor.submit(() -> { submitted.complete(Thread.currentThread()); synchronized (monitor) { } });
                    inExecutor = submitted.get();
                    await(blocked, Thread.State.BLOCKED);
                    await(parkedOnLock, Thread.State.WAITING);
                    await(onLatch, Thread.State.WAITING);
                    await(onQueue, Thread.State.WAITING);
                    await(sleeper, Thread.State.TIMED_WAITING);

                    List<Thread> live = VirtualThreads.live().orElseThrow(() -> new AssertionError("run with --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"));
                    assertTrue(live.containsAll(List.of(blocked, parkedOnLock, onLatch, onQueue, sleeper)), live.toString());
                    assertTrue(live.contains(inExecutor), "a virtual thread of an executor (a thread container of its own) is found too");
                    assertTrue(live.stream().allMatch(Thread::isVirtual));

                    assertTrue(VirtualThreads.waitsForAHolder(blocked), "blocked entering synchronized");
                    assertTrue(VirtualThreads.waitsForAHolder(parkedOnLock), "parked in ReentrantLock.lock()");
                    assertFalse(VirtualThreads.waitsForAHolder(onLatch), "a latch has no holder");
                    assertFalse(VirtualThreads.waitsForAHolder(onQueue), "a queue's condition has no holder");
                    assertFalse(VirtualThreads.waitsForAHolder(sleeper), "sleeping");
                } finally {
                    lock.unlock();
                }
            }
            latch.countDown();
            queue.put("done");
            sleeper.interrupt();
            for (Thread t : List.of(blocked, parkedOnLock, onLatch, onQueue, sleeper)) t.join();
        }
        assertFalse(VirtualThreads.live().orElseThrow().contains(blocked), "an ended thread is not live");
    }
}
