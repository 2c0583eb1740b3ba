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

    /**
     * Runs {@code task} on a platform thread and returns its state and stack 50 ms after the first sample
     * (every 5 ms) whose stack holds {@code className.method}: sampled at a fixed delay, a loaded machine may
     * find the thread still setting up the connection.
     */
    private static Thread.State stateWhileIn(Callable<Object> task, String className, String method,
                                             List<StackTraceElement[]> stack) throws Exception {
        var result = new AtomicReference<Object>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                result.set(e);
            }
        });
        Thread.State seen = null;
        while (t.isAlive() && seen == null) {
            if (hasFrame(t.getStackTrace(), className, method)) {
                Thread.sleep(50);   // into the wait (of 400 ms), past the steps before it
                Thread.State state = t.getState();
                StackTraceElement[] frames = t.getStackTrace();
                if (hasFrame(frames, className, method)) {
                    seen = state;
                    stack.add(frames);
                }
            } else {
                Thread.sleep(5);
            }
        }
        t.join();
        assertEquals("page 0", result.get());
        assertNotNull(seen, "the task never waited in " + className + "." + method);
        return seen;
    }

    private static boolean hasFrame(StackTraceElement[] stack, String className, String method) {
        return Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method));
    }

    @Test
    void aPlatformThreadWaitsInTheSocketsRead() throws Exception {
        try (var sockets = Workloads.sockets(1, Duration.ofMillis(400))) {
            var stacks = new java.util.ArrayList<StackTraceElement[]>();
            Thread.State state = stateWhileIn(() -> sockets.runTask(0), "java.net.Socket$SocketInputStream", "read", stacks);
            assertEquals(Thread.State.RUNNABLE, state, "blocked in a native read, not parked");
        }
    }

    @Test
    void anHttpClientSendParksOnAFutureInstead() throws Exception {
        try (var net = Workloads.network(1, Duration.ofMillis(400))) {
            var stacks = new java.util.ArrayList<StackTraceElement[]>();
            Thread.State state = stateWhileIn(() -> net.runTask(0), "java.util.concurrent.CompletableFuture", "get", stacks);
            assertEquals(Thread.State.WAITING, state, Arrays.toString(stacks.get(0)));
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
