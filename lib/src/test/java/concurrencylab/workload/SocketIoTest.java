package concurrencylab.workload;

import concurrencylab.strategy.Strategies;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The blocking-socket workload, next to the HttpClient one: what a waiting thread is doing in each. */
class SocketIoTest {

    /** Runs task 0 of {@code work} on a platform thread and returns that thread's state and stack halfway through the wait. */
    private static Thread.State[] stateMidWait(Callable<Object> task, List<StackTraceElement[]> stack) throws Exception {
        var result = new AtomicReference<Object>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                result.set(e);
            }
        });
        Thread.sleep(200);
        Thread.State state = t.getState();
        stack.add(t.getStackTrace());
        t.join();
        assertEquals("page 0", result.get());
        return new Thread.State[]{state};
    }

    private static boolean hasFrame(StackTraceElement[] stack, String className, String method) {
        return Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method));
    }

    @Test
    void aPlatformThreadWaitsInTheSocketsRead() throws Exception {
        try (var sockets = Workloads.sockets(1, Duration.ofMillis(400))) {
            var stacks = new java.util.ArrayList<StackTraceElement[]>();
            Thread.State state = stateMidWait(() -> sockets.runTask(0), stacks)[0];
            assertEquals(Thread.State.RUNNABLE, state, "blocked in a native read, not parked");
            assertTrue(hasFrame(stacks.get(0), "java.net.Socket$SocketInputStream", "read"), Arrays.toString(stacks.get(0)));
        }
    }

    @Test
    void anHttpClientSendParksOnAFutureInstead() throws Exception {
        try (var net = Workloads.network(1, Duration.ofMillis(400))) {
            var stacks = new java.util.ArrayList<StackTraceElement[]>();
            Thread.State state = stateMidWait(() -> net.runTask(0), stacks)[0];
            assertEquals(Thread.State.WAITING, state);
            assertTrue(hasFrame(stacks.get(0), "java.util.concurrent.CompletableFuture", "get"), Arrays.toString(stacks.get(0)));
            assertFalse(hasFrame(stacks.get(0), "java.net.Socket$SocketInputStream", "read"));
        }
    }

    @Test
    void requestsOverlapOnAPoolAndOnAnEventLoop() throws Exception {
        try (var sockets = Workloads.sockets(10, Duration.ofMillis(100))) {
            assertEquals("127.0.0.1", sockets.url().getHost());
            assertEquals("page 3", sockets.runTask(3));
            long t0 = System.nanoTime();
            List<TaskRecord> pooled = Strategies.fixedPool(5).run(sockets, t0);
            long pooledMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(pooledMillis >= 200 && pooledMillis < 600, "two waves of 100 ms, took " + pooledMillis);
            t0 = System.nanoTime();
            List<TaskRecord> looped = Strategies.eventLoop().run(sockets, t0);
            long loopMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(loopMillis >= 100 && loopMillis < 500, "one wait of 100 ms on one thread, took " + loopMillis);
            for (int i = 0; i < 10; i++) {
                assertEquals("page " + i, pooled.get(i).result(), "pool, task " + i);
                assertEquals("page " + i, looped.get(i).result(), "event loop, task " + i);
            }
        }
    }
}
