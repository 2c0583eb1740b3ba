package concurrencylab.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MagicsTest {

    /** A context that records what the magics asked of the kernel. */
    static class RecordingContext implements MagicContext {
        final List<String> classpath = new ArrayList<>();
        final List<String> loaded = new ArrayList<>();
        Duration limit = Duration.ZERO;

        public void addToClasspath(String path) { classpath.add(path); }
        public String setCellTimeLimit(Duration l) { limit = l; return "limit " + l; }
        public Object evalInCell(String code) { throw new AssertionError("no code is evaluated here: " + code); }
        public Object runLoaded(String code, String source) { loaded.add(source + ": " + code); return Magic.NO_VALUE; }
        public boolean isExpression(String code) { return false; }
        public void displayMarkdown(String markdown, String plain) { }
        public long[] executionClock() { return new long[3]; }
        public AutoCloseable countingCpu() { return () -> { }; }
        public void display(Object value) { }
        public concurrencylab.kernel.threads.ThreadCensus threads() { throw new AssertionError("no threads are looked at here"); }
    }

    @Test
    void parsesNameAndQuotedArguments() {
        var line = MagicLine.parse("  %jars \"my libs/a.jar\" b.jar");
        assertEquals("jars", line.name());
        assertEquals(List.of("my libs/a.jar", "b.jar"), line.args());
        assertTrue(MagicLine.isMagic("%classpath x"));
        assertFalse(MagicLine.isMagic("int x = 5 % 2;"));
        assertFalse(MagicLine.isMagic("%"));
        assertTrue(MagicLine.isCellMagic("%%time"));
        assertEquals("time", MagicLine.parse("%%time").name());
    }

    @Test
    void jarsExpandsGlobsInOrder(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        var context = new RecordingContext();
        assertSame(Magic.NO_VALUE, Magics.standard().run(MagicLine.parse("%jars " + dir + "/*.jar"), context));
        assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString()), context.classpath);
    }

    @Test
    void cellTimeoutTakesSecondsOrOff() throws Exception {
        var context = new RecordingContext();
        var magics = Magics.standard();
        magics.run(MagicLine.parse("%cell_timeout 2.5"), context);
        assertEquals(Duration.ofMillis(2500), context.limit);
        magics.run(MagicLine.parse("%cell_timeout off"), context);
        assertNull(context.limit);
    }

    @Test
    void badMagicsSayWhatIsWrongInOneLine() {
        var magics = Magics.standard();
        var context = new RecordingContext();
        var e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%classpath"), context));
        assertEquals("malformed magic '%classpath': %classpath needs at least one path", e.getMessage());
        e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%jars /no/such/dir/*.jar"), context));
        assertEquals("%jars: no file or directory matches '/no/such/dir/*.jar'", e.getMessage());
        e = assertThrows(MagicException.class, () -> MagicLine.parse("%jars \"unclosed"));
        assertEquals("malformed magic '%jars \"unclosed': unclosed quote", e.getMessage());
        e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%maven commons-text"), context));
        assertTrue(e.getMessage().contains("is not GROUP:ARTIFACT:VERSION"), e.getMessage());
        e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%timeit -n zero 1+1"), context));
        assertEquals("malformed magic '%timeit -n zero 1+1': -n takes a whole number of at least 1, got 'zero'", e.getMessage());
        e = assertThrows(MagicException.class, () -> magics.runCell(MagicLine.parse("%%bash"), "ls", context));
        assertTrue(e.getMessage().startsWith("unknown cell magic %%bash"), e.getMessage());
    }

    @Test
    void cellTimeoutAndTheEnvironmentShareOneSyntax() {
        assertEquals(Duration.ofMillis(500), TimeLimits.parse("0.5"));
        assertNull(TimeLimits.parse("off"));
        assertEquals("30 s", TimeLimits.describe(Duration.ofSeconds(30)));
        assertEquals("0.5 s", TimeLimits.describe(Duration.ofMillis(500)));
        for (String bad : new String[]{"0", "-1", "soon"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TimeLimits.parse(bad));
            assertEquals("'" + bad + "' is not a positive number of seconds or off", e.getMessage());
        }
        var e = assertThrows(MagicException.class, () -> Magics.standard().run(MagicLine.parse("%cell_timeout soon"), new RecordingContext()));
        assertEquals("malformed magic '%cell_timeout soon': 'soon' is not a positive number of seconds or off", e.getMessage());
    }

    @Test
    void lsmagicListsEachMagicsFormsLineMagicsFirst() throws Exception {
        var out = new ByteArrayOutputStream();
        var stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Magics.standard().run(MagicLine.parse("%lsmagic"), new RecordingContext());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(String.join("\n",
                "Line magics:",
                "  %classpath PATH...          add jars or directories of classes to the class path",
                "  %jars PATH...               add jars; globs like lib/*.jar, a directory for its jars",
                "  %maven GROUP:ARTIFACT:VERSION...  resolve from Maven Central with transitive dependencies",
                "  %addMavenDependencies COORDINATES...  IJava's name for %maven (%addMavenDependency too)",
                "  %mavenRepo ID URL           search this Maven repository too (%addMavenRepo too)",
                "  %loadFromPOM PATH [SCOPE...]  add the dependencies of a POM file",
                "  %load FILE                  run a .jsh/.java file, or a notebook's code cells, as part of this cell",
                "  %time CODE                  wall time, CPU of all JVM threads, cores busy",
                "  %timeit [-n N] [-r R] CODE  repeats after a warm-up: median and spread per call",
                "  %source CLASS               the library's Java source of a class",
                "  %cell_timeout SECONDS|off   stop cells that run longer",
                "  %threads [--all]            the threads cells started (--all: every thread): state, locks, CPU, cell lines",
                "  %pinning CODE               run code and report where virtual threads were pinned (JFR)",
                "  %lsmagic                    this list",
                "Cell magics (first line of a cell):",
                "  %%loadFromPOM [SCOPE...]    add the dependencies of the POM, or <dependency> elements, in the cell",
                "  %%time                      time the whole cell",
                "  %%timeit [-n N] [-r R]      time the whole cell repeatedly",
                "  %%pinning                   run the cell and report where virtual threads were pinned") + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLineMagicUsedAsACellMagicSaysSo() {
        var e = assertThrows(MagicException.class, () -> Magics.standard().runCell(MagicLine.parse("%%source"), "Charts", new RecordingContext()));
        assertEquals("unknown cell magic %%source in '%%source'; %lsmagic lists the magics", e.getMessage());
    }

    @Test
    void timeitReportsMedianAndSpreadPerLoop() {
        assertEquals("median 2.00 ms per loop, spread 1.00 ms to 3.00 ms (3 runs x 10 loops, after 1 warm-up call)",
                Timing.timeitLine(new long[]{30_000_000, 10_000_000, 20_000_000}, 10, 1));
    }
}
