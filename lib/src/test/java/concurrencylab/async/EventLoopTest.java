package concurrencylab.async;

import concurrencylab.strategy.EventLoopStrategy;
import concurrencylab.strategy.Strategies;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class EventLoopTest {

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void oneThreadOverlapsAllWaits() throws Exception {
        long t0 = System.nanoTime();
        List<TaskRecord> records = Strategies.eventLoop().run(Workloads.simulatedIo(50, Duration.ofMillis(100)), t0);
        long wall = millisSince(t0);
        assertTrue(wall < 1000, "50 waits of 100 ms on one event loop took " + wall + " ms; sequential takes 5000");
        assertEquals(50, records.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, records.get(i).index());
            assertEquals(i, records.get(i).result());
            assertEquals(EventLoopStrategy.WORKER, records.get(i).worker());
        }
    }

    @Test
    void selectorFetchesEveryPageFromTheLoopbackServer() throws Exception {
        try (var net = Workloads.network(40, Duration.ofMillis(100))) {
            long t0 = System.nanoTime();
            List<TaskRecord> records = Strategies.eventLoop().run(net, t0);
            long wall = millisSince(t0);
            assertTrue(wall < 2000, "40 requests of 100 ms on one event loop took " + wall + " ms; sequential takes 4000");
            for (int i = 0; i < 40; i++) {
                assertNull(records.get(i).error(), "task " + i);
                assertEquals("page " + i, records.get(i).result());
            }
        }
    }

    @Test
    void asynchronousFileChannelsProcessEveryFile() throws Exception {
        try (var files = Workloads.files(12, Duration.ofMillis(100))) {
            long t0 = System.nanoTime();
            List<TaskRecord> records = Strategies.eventLoop().run(files, t0);
            long wall = millisSince(t0);
            assertTrue(wall < 1000, "12 files with 100 ms waits took " + wall + " ms; sequential takes 1200");
            for (int i = 0; i < 12; i++) {
                assertNull(records.get(i).error(), "task " + i);
                assertEquals("SOME DATA", files.processedText(i));
            }
        }
    }

    @Test
    void blockingWorkRunsOneTaskAtATimeOnTheLoop() throws Exception {
        var cpu = Workloads.cpu(4, Duration.ofMillis(50));
        List<TaskRecord> records = Strategies.eventLoop().run(cpu, System.nanoTime());
        for (int i = 1; i < records.size(); i++) {
            assertTrue(records.get(i).startNanos() >= records.get(i - 1).endNanos(), "task " + i + " overlapped the one before");
        }
        assertEquals(1, Strategies.eventLoop().workers(cpu));
    }

    @Test
    void interruptStopsTheLoopAtOnce() throws Exception {
        var outcome = new ArrayBlockingQueue<Object>(1);
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Strategies.eventLoop().run(Workloads.simulatedIo(10, Duration.ofSeconds(30)), System.nanoTime());
                outcome.add("finished");
            } catch (InterruptedException e) {
                outcome.add(e);
            }
        });
        Thread.sleep(200);
        long t0 = System.nanoTime();
        runner.interrupt();
        Object result = outcome.poll(5, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedException.class, result);
        assertTrue(millisSince(t0) < 1000, "the loop took " + millisSince(t0) + " ms to stop");
    }
}
