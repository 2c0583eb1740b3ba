package concurrencylab.kernel.completion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageNamesTest {
    private final PackageNames jdk = PackageNames.ofJdk();

    @Test
    void completesTheNextSegmentOfJdkPackages() {
        String code = "import java.util.con";
        var c = jdk.complete(code, code.length());
        assertEquals(List.of("concurrent"), c.names());
        assertEquals(code.length() - "con".length(), c.start());
        var all = jdk.complete("java.util.", 10);
        assertTrue(all.names().containsAll(List.of("concurrent", "function", "stream", "regex")), all.names().toString());
        assertEquals(10, all.start());
        assertTrue(jdk.complete("ja", 2).names().containsAll(List.of("java", "javax")));
    }

    @Test
    void offersNothingAfterAQualifierThatIsNoPackageOrWithoutAName() {
        assertEquals(List.of(), jdk.complete("Math.ab", 7).names());
        assertEquals(List.of(), jdk.complete("list.str", 8).names());
        assertEquals(List.of(), jdk.complete("x = ", 4).names());
        assertEquals(List.of(), jdk.complete("myjava.ut", 9).names());
    }

    @Test
    void readsPackagesOfClassDirectoriesAndJars(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("demo/inner"));
        Files.write(classes.resolve("demo/inner/A.class"), new byte[]{1});
        Files.createDirectories(classes.resolve("empty/only"));  // no classes: no package
        Path jar = dir.resolve("lib.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("fromjar/pkg/B.class"));
            out.write(1);
            out.closeEntry();
        }
        var names = PackageNames.ofJdk();
        names.addClassPath(classes + File.pathSeparator + jar + File.pathSeparator + dir.resolve("missing.jar"));
        assertEquals(List.of("inner"), names.complete("demo.in", 7).names());
        assertEquals(List.of("pkg"), names.complete("import fromjar.", 15).names());
        assertFalse(names.complete("emp", 3).names().contains("empty"));
    }
}
