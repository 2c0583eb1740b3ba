package concurrencylab.kernel.start;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idle work runs once the kernel has started and nobody has asked anything for a while, never during a request. */
class IdleWorkTest {
    private static final Duration DELAY = Duration.ofMillis(200);

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final IdleWork idle = new IdleWork(DELAY, log::add);

    @Test
    void jobsRunOnceInOrderAfterTheStartAndTheDelay() throws Exception {
        var done = new CountDownLatch(1);
        idle.whenIdle(() -> ran.add("a"));
        idle.whenIdle(() -> {
            ran.add("b");
            done.countDown();
        });
        Thread.sleep(2 * DELAY.toMillis());
        assertEquals(List.of(), ran, "nothing before the kernel is ready");
        long t0 = System.nanoTime();
        idle.ready();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 >= DELAY.toNanos(), "not before the delay");
        idle.busy();
        idle.idle();
        Thread.sleep(3 * DELAY.toMillis());
        assertEquals(List.of("a", "b"), ran, "each once, in order");
    }

    @Test
    void aRequestPostponesTheJobsUntilItIsDoneAndTheKernelIdleAgain() throws Exception {
        var done = new CountDownLatch(1);
        idle.whenIdle(() -> {
            ran.add("job");
            done.countDown();
        });
        idle.ready();
        idle.busy(); // a cell arrives before the delay is over, and runs long
        Thread.sleep(3 * DELAY.toMillis());
        assertEquals(List.of(), ran, "not while a request is served");
        idle.idle();
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aRequestBetweenTwoJobsHoldsBackTheSecond() throws Exception {
        var firstRunning = new CountDownLatch(1);
        var requestCame = new CountDownLatch(1);
        var secondDone = new CountDownLatch(1);
        idle.whenIdle(() -> {
            firstRunning.countDown();
            await(requestCame);
            ran.add("first");
        });
        idle.whenIdle(() -> {
            ran.add("second");
            secondDone.countDown();
        });
        idle.ready();
        assertTrue(firstRunning.await(5, TimeUnit.SECONDS));
        idle.busy();
        requestCame.countDown();
        Thread.sleep(3 * DELAY.toMillis());
        assertEquals(List.of("first"), ran, "the running job ends; the next waits for the request");
        idle.idle();
        assertTrue(secondDone.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void aJobThatFailsIsLoggedAndTheNextStillRuns() throws Exception {
        var done = new CountDownLatch(1);
        idle.whenIdle(() -> {
            throw new IllegalStateException("no fonts");
        });
        idle.whenIdle(done::countDown);
        idle.ready();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(log.stream().anyMatch(line -> line.contains("no fonts")), log.toString());
    }

    @Test
    void aNegativeDelayIsRefusedWithItsValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new IdleWork(Duration.ofMillis(-1), log::add));
        assertTrue(e.getMessage().contains("-0.001"), e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
