package concurrencylab.process;

import concurrencylab.examples.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class JvmProcessTest {
    private PrintStream savedOut, savedErr;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        var both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsAMainClassWithArgumentsAndReportsItsExitCode() throws Exception {
        var child = JvmProcess.start(ChildMains.Echo.class, "7", "two words");
        assertNotEquals(ProcessHandle.current().pid(), child.pid());
        var exited = child.onExit();
        assertEquals(7, child.join());
        assertEquals(7, child.exitCode().orElseThrow());
        assertSame(child, exited.get(1, TimeUnit.SECONDS));
        assertTrue(output().contains("[jvm-" + child.pid() + "] args 7 two words"), output());
        assertTrue(output().contains("[jvm-" + child.pid() + "] to stderr"), output());
    }

    @Test
    void startsAClassByNameWithEnvironmentAndJvmOptionsAndHandsItsLinesToTheCaller() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var child = JvmProcess.start(ChildMains.Environment.class.getName(), List.of("LAB_TEST_VAR", "lab.test"),
                List.of("-Dlab.test=an option"), Map.of("LAB_TEST_VAR", "from the environment"), lines::add);
        assertEquals(0, child.join());
        assertEquals(List.of("LAB_TEST_VAR=from the environment lab.test=an option"), lines);
        assertFalse(output().contains("LAB_TEST_VAR"), "the caller decides what to show: " + output());
    }

    @Test
    void terminateStopsTheChildsOwnChildrenToo() throws Exception {
        var grandchild = new CompletableFuture<Long>();
        var child = JvmProcess.start(ChildMains.Parent.class.getName(), List.of(), List.of(), Map.of(), line -> {
            if (line.startsWith("grandchild ")) grandchild.complete(Long.parseLong(line.substring("grandchild ".length())));
        });
        long pid = grandchild.get(10, TimeUnit.SECONDS);
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        child.destroyForcibly();
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) handle.get().onExit().get(5, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the grandchild outlived its parent");
    }

    @Test
    void runsALambdaAndItsFailureBecomesExitCodeOne() throws Exception {
        String greeting = "hello from a lambda"; // captured: travels with the task
        var ok = JvmProcess.start(() -> System.out.println(greeting + " in " + ProcessHandle.current().pid()));
        assertEquals(0, ok.join());
        assertTrue(output().contains("[jvm-" + ok.pid() + "] hello from a lambda in " + ok.pid()), output());

        var failing = JvmProcess.start(() -> { throw new IllegalStateException("task failed on purpose"); });
        assertEquals(1, failing.join());
        assertTrue(output().contains("IllegalStateException: task failed on purpose"), output());

        assertEquals(5, JvmProcess.start(() -> System.exit(5)).join(), "System.exit in a child ends the child only");
    }

    @Test
    void joinWithATimeoutReturnsAndTerminateStopsTheChild() throws Exception {
        try (var sleeper = JvmProcess.start(() -> Thread.sleep(60_000))) {
            assertFalse(sleeper.join(Duration.ofMillis(300)));
            assertTrue(sleeper.isAlive());
            assertTrue(sleeper.exitCode().isEmpty());
            sleeper.destroyForcibly();
            assertTrue(sleeper.join(Duration.ofSeconds(5)));
            assertFalse(sleeper.isAlive());
            assertEquals(137, sleeper.exitCode().orElseThrow());
        }
    }

    @Test
    void destroyAsksTheChildToStopAndItsShutdownHooksRun() throws Exception {
        var lines = new LinkedBlockingQueue<String>();
        try (var sleeper = JvmProcess.start(Sleeper.class.getName(), List.of("60000"), List.of(), Map.of(), lines::add)) {
            assertTrue(lines.poll(30, TimeUnit.SECONDS).contains("sleeps"), "the child started");
            sleeper.destroy();
            assertTrue(sleeper.join(Duration.ofSeconds(10)));
            assertEquals(143, sleeper.exitCode().orElseThrow(), "SIGTERM");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("shutdown hook ran")), lines.toString());
        }
    }

    @Test
    void interruptingJoinStopsTheChild() throws Exception {
        var sleeper = JvmProcess.start(() -> Thread.sleep(60_000));
        var outcome = new ArrayBlockingQueue<Object>(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                outcome.add(sleeper.join());
            } catch (InterruptedException e) {
                outcome.add(e);
            }
        });
        Thread.sleep(300);
        waiter.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.poll(5, TimeUnit.SECONDS));
        assertTrue(sleeper.onExit().get(5, TimeUnit.SECONDS) != null);
        assertFalse(ProcessHandle.of(sleeper.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void badInputGetsOneLineErrors() {
        var noMain = assertThrows(IllegalArgumentException.class, () -> JvmProcess.start(String.class));
        assertEquals("java.lang.String has no public static void main(String[]) to run in a child JVM", noMain.getMessage());
        Object notSerializable = new Object();
        var capture = assertThrows(IllegalArgumentException.class, () -> JvmProcess.start(() -> System.out.println(notSerializable)));
        assertTrue(capture.getMessage().startsWith("the task cannot be sent to a child JVM: it captures a java.lang.Object"),
                capture.getMessage());
    }
}
