package concurrencylab.kernel.start;

import concurrencylab.kernel.exec.CellValue;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start of JShell: default imports made, and the warm-up run only when nobody waits for the shell. */
class ShellStartTest {

    @BeforeAll
    static void traceIntoTheLog() throws Exception {
        System.setProperty("concurrencylab.trace", "true");
        // The kernel's classes (Notebook, CellValue), as ./lab build's compile-classes directory holds them.
        System.setProperty("concurrencylab.compile.classpath",
                Path.of(ShellStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("concurrencylab.trace");
        System.clearProperty("concurrencylab.compile.classpath");
    }

    @Test
    void aRequestWaitingAtStartGetsTheShellWithoutAWarmUpFirst() {
        var log = new CopyOnWriteArrayList<String>();
        ShellStart start = ShellStart.begin(log::add);
        JShell js = start.join(); // at once: javac's first compile is still running
        try {
            assertDefaultImportsWork(start, js);
            assertTrue(log.stream().anyMatch(line -> line.contains("warm-up skipped")), log.toString());
        } finally {
            js.close();
        }
    }

    @Test
    void aShellNobodyWaitsForIsWarmedWhileTheKernelIsIdle() throws InterruptedException {
        var log = new CopyOnWriteArrayList<String>();
        ShellStart start = ShellStart.begin(log::add);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!start.isDone() && System.nanoTime() < deadline) Thread.sleep(20);
        JShell js = start.join();
        try {
            assertDefaultImportsWork(start, js);
            assertTrue(log.stream().anyMatch(line -> line.matches(".*warm-up \\d+ ms.*")), log.toString());
        } finally {
            js.close();
        }
    }

    private static void assertDefaultImportsWork(ShellStart start, JShell js) {
        // java.util and java.util.concurrent without an import, as in every cell; the value as the kernel takes it.
        var event = js.eval(CellValue.declaration("new ArrayList<>(List.of(1, 2, 3)).size() + new ConcurrentHashMap<String, Integer>().size()", 1))
                .getFirst();
        assertEquals(Snippet.Status.VALID, event.status(), event.toString());
        assertEquals(3, start.engine().control().takeValue(event.value(), null));
        // and the variable it passed through no longer holds it
        assertEquals("null", js.varValue((VarSnippet) event.snippet()));
    }
}
