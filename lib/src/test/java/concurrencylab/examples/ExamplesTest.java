package concurrencylab.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The child programs of notebook 06, started as the notebook starts them: with plain ProcessBuilder. */
class ExamplesTest {
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    private static ProcessBuilder child(Class<?> main, String... args) {
        var command = new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Starts a Sleeper with its output in `log`; returns once it sleeps (its hook is installed). */
    private static Process sleeper(Path log, String... more) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("60000"));
        args.addAll(List.of(more));
        Process p = child(Sleeper.class, args.toArray(String[]::new)).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains("sleeps")) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "the sleeper did not start: " + Files.readString(log));
            Thread.sleep(10);
        }
        return p;
    }

    @Test
    void chattyPrintsWhoItIsThenItsLinesAndExitsWithTheCodeAsked() throws Exception {
        Process p = child(Chatty.class, "3", "7").start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertEquals(7, p.waitFor());
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("process " + p.pid() + ", child of " + ProcessHandle.current().pid() + ", on JDK " + System.getProperty("java.home"),
                lines.getFirst());
    }

    @Test
    void chattyFillsThePipeUntilItsParentReads() throws Exception {
        Process p = child(Chatty.class, "5000", "0").start();
        assertFalse(p.waitFor(2, TimeUnit.SECONDS), "300 KB do not fit in a 64 KB pipe: the child waits for us to read");
        assertEquals(5001, new String(p.getInputStream().readAllBytes()).lines().count());
        assertEquals(0, p.waitFor());
    }

    @Test
    void destroyIsSigtermAndRunsTheShutdownHookDestroyForciblyIsSigkillAndDoesNot() throws Exception {
        Path termLog = Files.createTempFile("sigterm-", ".log"), killLog = Files.createTempFile("sigkill-", ".log");
        try {
            Process termed = sleeper(termLog), killed = sleeper(killLog);
            termed.destroy();
            killed.destroyForcibly();
            assertEquals(143, termed.waitFor());
            assertEquals(137, killed.waitFor());
            assertTrue(Files.readString(termLog).contains("shutdown hook ran in process " + termed.pid()), Files.readString(termLog));
            assertFalse(Files.readString(killLog).contains("shutdown hook ran"), Files.readString(killLog));
        } finally {
            Files.delete(termLog);
            Files.delete(killLog);
        }
    }

    @Test
    void aSpawnedGrandchildOutlivesItsKilledParent() throws Exception {
        Path log = Files.createTempFile("spawn-", ".log");
        ProcessHandle grandchild = null;
        try {
            Process middle = sleeper(log, "--spawn");
            grandchild = middle.toHandle().children().findFirst().orElseThrow();
            middle.destroyForcibly();
            middle.waitFor();
            Thread.sleep(300);
            assertTrue(grandchild.isAlive(), "nothing stops a ProcessBuilder grandchild when its parent dies");
            assertNotEquals(middle.pid(), grandchild.parent().map(ProcessHandle::pid).orElse(-1L));
        } finally {
            if (grandchild != null) grandchild.destroyForcibly();
            Files.delete(log);
        }
    }
}
