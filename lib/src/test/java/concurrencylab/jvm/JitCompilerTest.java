package concurrencylab.jvm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.*;

class JitCompilerTest {
    static final Duration WINDOW = Duration.ofMillis(20);
    static final Duration MAX = Duration.ofMillis(400);

    /** A compiler that works a full window in each of its first {@code busyWindows} windows, then rests. */
    static LongSupplier busyFor(int busyWindows, AtomicInteger reads) {
        return () -> Math.min(reads.getAndIncrement(), busyWindows) * WINDOW.toNanos();
    }

    @Test
    void anIdleCompilerCostsOneWindow() throws Exception {
        var reads = new AtomicInteger();
        Duration waited = JitCompiler.await(busyFor(0, reads), WINDOW, MAX);
        assertEquals(2, reads.get(), "one reading before the window and one after");
        assertTrue(waited.compareTo(WINDOW) >= 0 && waited.compareTo(MAX) < 0, "waited " + waited);
    }

    @Test
    void aBusyCompilerIsWaitedForUntilItRests() throws Exception {
        var reads = new AtomicInteger();
        JitCompiler.await(busyFor(3, reads), WINDOW, MAX);
        assertEquals(5, reads.get(), "three busy windows, then the quiet one");
    }

    @Test
    void aCompilerThatNeverRestsIsWaitedForAtMostMax() throws Exception {
        var reads = new AtomicInteger();
        Duration waited = JitCompiler.await(busyFor(Integer.MAX_VALUE, reads), WINDOW, MAX);
        assertTrue(waited.compareTo(MAX) >= 0 && waited.compareTo(MAX.multipliedBy(3)) < 0, "waited " + waited);
    }

    @Test
    void aLittleCompilingStillCountsAsQuiet() throws Exception {
        var reads = new AtomicInteger();
        long tenth = WINDOW.toNanos() / 10;
        JitCompiler.await(() -> reads.getAndIncrement() * tenth, WINDOW, MAX);
        assertEquals(2, reads.get());
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        var failure = new AtomicReference<Throwable>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                JitCompiler.await(() -> System.nanoTime(), WINDOW, Duration.ofSeconds(30));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread.sleep(50);
        waiter.interrupt();
        waiter.join(5_000);
        assertFalse(waiter.isAlive());
        assertInstanceOf(InterruptedException.class, failure.get());
    }

    @Test
    void thisJvmsCompilerGoesQuiet() throws Exception {
        // Other tests may have left the compiler a queue: quiet in one of three waits is enough.
        Duration waited = JitCompiler.awaitQuiet();
        for (int attempt = 1; attempt < 3 && waited.compareTo(JitCompiler.MAX) >= 0; attempt++) waited = JitCompiler.awaitQuiet();
        assertTrue(waited.compareTo(JitCompiler.MAX) < 0, "this idle JVM's compiler did not rest within 2 s: " + waited);
    }
}
