package concurrencylab.kernel.exec;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

class CellThreadsTest {

    @Test
    void platformThreadsAreTheCellsByTheirGroupAndVirtualOnesByTheirIds() throws Exception {
        var threads = new CellThreads(Map::of);
        assertEquals(-1, threads.cellAt(Thread.ofVirtual().unstarted(() -> { }).threadId()), "before the first cell: the kernel's");
        threads.cellStarted(5);
        var release = new CountDownLatch(1);
        Thread[] started = new Thread[2];
        Thread snippet = new Thread(threads.next("cell-1"), () -> {
            // created here, started by the next snippet: still this cell's
            started[0] = new Thread(() -> await(release), "created-in-5");
            started[1] = Thread.ofVirtual().unstarted(() -> await(release));
        }, "cell-1");
        threads.snippetThread(snippet);
        snippet.start();
        snippet.join();
        threads.cellStarted(6);
        Thread second = new Thread(threads.next("cell-2"), () -> { }, "cell-2");
        threads.snippetThread(second);
        Thread laterVirtual = Thread.ofVirtual().unstarted(() -> { });
        started[0].start();
        started[1].start();
        try {
            assertEquals(Map.of(started[0], 5), threads.platformThreads());
            assertTrue(threads.runsCell(snippet));
            assertFalse(threads.runsCell(started[0]));
            assertEquals(5, threads.cellAt(started[1].threadId()));
            assertEquals(6, threads.cellAt(laterVirtual.threadId()));
        } finally {
            release.countDown();
            started[0].join();
        }
        assertEquals(Map.of(), threads.platformThreads());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
