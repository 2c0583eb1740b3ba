package concurrencylab.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MagicsTest {

    /** A host that records what the magics asked of the kernel. */
    static final class RecordingHost implements Magics.Host {
        final List<String> classpath = new ArrayList<>();
        Duration limit = Duration.ZERO;

        public void addToClasspath(String path) { classpath.add(path); }
        public String setCellTimeLimit(Duration l) { limit = l; return "limit " + l; }
        public Object evalInCell(String code) { throw new AssertionError("no code is evaluated here: " + code); }
        public boolean isExpression(String code) { return false; }
        public void displayMarkdown(String markdown, String plain) { }
        public long[] executionClock() { return new long[3]; }
        public AutoCloseable countingCpu() { return () -> { }; }
    }

    @Test
    void parsesNameAndQuotedArguments() {
        var line = Magics.parse("  %jars \"my libs/a.jar\" b.jar");
        assertEquals("jars", line.name());
        assertEquals(List.of("my libs/a.jar", "b.jar"), line.args());
        assertTrue(Magics.isMagic("%classpath x"));
        assertFalse(Magics.isMagic("int x = 5 % 2;"));
        assertFalse(Magics.isMagic("%"));
        assertTrue(Magics.isCellMagic("%%time"));
        assertEquals("time", Magics.parse("%%time").name());
    }

    @Test
    void jarsExpandsGlobsInOrder(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        var host = new RecordingHost();
        assertSame(Magics.NO_VALUE, new Magics(host).run(Magics.parse("%jars " + dir + "/*.jar")));
        assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString()), host.classpath);
    }

    @Test
    void cellTimeoutTakesSecondsOrOff() throws Exception {
        var host = new RecordingHost();
        var magics = new Magics(host);
        magics.run(Magics.parse("%cell_timeout 2.5"));
        assertEquals(Duration.ofMillis(2500), host.limit);
        magics.run(Magics.parse("%cell_timeout off"));
        assertNull(host.limit);
    }

    @Test
    void badMagicsSayWhatIsWrongInOneLine() {
        var magics = new Magics(new RecordingHost());
        var e = assertThrows(Magics.MagicException.class, () -> magics.run(Magics.parse("%classpath")));
        assertEquals("malformed magic '%classpath': %classpath needs at least one path", e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> magics.run(Magics.parse("%jars /no/such/dir/*.jar")));
        assertEquals("%jars: no file or directory matches '/no/such/dir/*.jar'", e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> Magics.parse("%jars \"unclosed"));
        assertEquals("malformed magic '%jars \"unclosed': unclosed quote", e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> magics.run(Magics.parse("%maven commons-text")));
        assertTrue(e.getMessage().contains("is not GROUP:ARTIFACT:VERSION"), e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> magics.run(Magics.parse("%timeit -n zero 1+1")));
        assertEquals("malformed magic '%timeit -n zero 1+1': -n takes a whole number of at least 1, got 'zero'", e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> magics.runCell(Magics.parse("%%bash"), "ls"));
        assertTrue(e.getMessage().startsWith("unknown cell magic %%bash"), e.getMessage());
    }

    @Test
    void timeitReportsMedianAndSpreadPerLoop() {
        assertEquals("median 2.00 ms per loop, spread 1.00 ms to 3.00 ms (3 runs x 10 loops, after 1 warm-up call)",
                Timing.timeitLine(new long[]{30_000_000, 10_000_000, 20_000_000}, 10, 1));
    }
}
