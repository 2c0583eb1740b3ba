package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FramesTest {

    @Test
    void parsesTheFramesAThreadDumpWrites() {
        var sleep = Frames.parse("java.base/java.lang.Thread.sleep(Thread.java:540)");
        assertEquals("java.lang.Thread", sleep.getClassName());
        assertEquals("sleep", sleep.getMethodName());
        assertEquals("Thread.java", sleep.getFileName());
        assertEquals(540, sleep.getLineNumber());
        var cell = Frames.parse("REPL.$JShell$12.lambda$do_it$$0($JShell$12.java:7)");
        assertEquals("REPL.$JShell$12", cell.getClassName());
        assertEquals("lambda$do_it$$0", cell.getMethodName());
        assertEquals(7, cell.getLineNumber());
        var app = Frames.parse("app//concurrencylab.workload.SimulatedIo.run(SimulatedIo.java:31)");
        assertEquals("concurrencylab.workload.SimulatedIo", app.getClassName());
        var hidden = Frames.parse("java.base/java.lang.invoke.LambdaForm$MH/0x00000008000c1000.invoke(LambdaForm$MH:-1)");
        assertEquals("java.lang.invoke.LambdaForm$MH/0x00000008000c1000", hidden.getClassName());
        assertEquals("invoke", hidden.getMethodName());
        assertTrue(Frames.parse("java.base/java.lang.Object.wait0(Native Method)").isNativeMethod());
        assertEquals(-1, Frames.parse("Foo.bar(Unknown Source)").getLineNumber());
    }

    @Test
    void callIsTheJdkMethodTheThreadsOwnCodeCalled() {
        var ownCode = new StackTraceElement("REPL.$JShell$5", "lambda$do_it$$0", "#5", 3);
        assertEquals("ReentrantLock.lock", Frames.call(List.of(
                frame("java.lang.VirtualThread", "park"), frame("java.util.concurrent.locks.LockSupport", "park"),
                frame("java.util.concurrent.locks.AbstractQueuedSynchronizer", "acquire"),
                frame("java.util.concurrent.locks.ReentrantLock$Sync", "lock"), frame("java.util.concurrent.locks.ReentrantLock", "lock"),
                ownCode)));
        assertEquals("Thread.join", Frames.call(List.of(frame("java.lang.Object", "wait0"), frame("java.lang.Object", "wait"),
                frame("java.lang.Thread", "join"), ownCode)));
        assertNull(Frames.call(List.of(ownCode)), "blocked in its own code: synchronized");
        // an idle pool worker runs only the JDK's code: its innermost call that is not parking
        assertEquals("LinkedBlockingQueue.take", Frames.call(List.of(frame("jdk.internal.misc.Unsafe", "park"),
                frame("java.util.concurrent.locks.LockSupport", "park"),
                frame("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "await"),
                frame("java.util.concurrent.LinkedBlockingQueue", "take"), frame("java.util.concurrent.ThreadPoolExecutor", "getTask"),
                frame("java.lang.Thread", "run"))));
    }

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, 1);
    }
}
