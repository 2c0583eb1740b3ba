package concurrencylab.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MagicsTest {

    @Test
    void parsesNameAndQuotedArguments() {
        var line = Magics.parse("  %jars \"my libs/a.jar\" b.jar");
        assertEquals("jars", line.name());
        assertEquals(List.of("my libs/a.jar", "b.jar"), line.args());
        assertTrue(Magics.isMagic("%classpath x"));
        assertFalse(Magics.isMagic("int x = 5 % 2;"));
        assertFalse(Magics.isMagic("%"));
    }

    @Test
    void jarsExpandsGlobsInOrder(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        List<String> added = new ArrayList<>();
        String said = new Magics(added::add, d -> "").run(Magics.parse("%jars " + dir + "/*.jar"));
        assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString()), added);
        assertTrue(said.startsWith("Added to the class path: "), said);
    }

    @Test
    void badMagicsSayWhatIsWrongInOneLine() {
        var magics = new Magics(p -> fail("nothing may be added"), d -> "");
        var e = assertThrows(Magics.MagicException.class, () -> magics.run(Magics.parse("%classpath")));
        assertEquals("malformed magic '%classpath': %classpath needs at least one path", e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> magics.run(Magics.parse("%jars /no/such/dir/*.jar")));
        assertEquals("%jars: no file or directory matches '/no/such/dir/*.jar'", e.getMessage());
        e = assertThrows(Magics.MagicException.class, () -> Magics.parse("%jars \"unclosed"));
        assertEquals("malformed magic '%jars \"unclosed': unclosed quote", e.getMessage());
    }
}
