package concurrencylab.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** IJava's magics as IJava 1.3 defines them: %load, %loadFromPOM and %%loadFromPOM, %jars on a directory, %mavenRepo. */
class IJavaMagicsTest {

    @Test
    void loadRunsAFileAsTypedFindingItsExtensionAsIJavaDoes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int twice(int x) { return 2 * x; }\n");
        var context = new MagicsTest.RecordingContext();
        assertSame(Magic.NO_VALUE, Magics.standard().run(MagicLine.parse("%load " + dir.resolve("helpers")), context));
        Magics.standard().run(MagicLine.parse("%load " + dir.resolve("helpers.jsh")), context);
        assertEquals(List.of("helpers.jsh: int twice(int x) { return 2 * x; }\n", "helpers.jsh: int twice(int x) { return 2 * x; }\n"),
                context.loaded);
    }

    @Test
    void loadRunsANotebooksCodeCellsInOrderAndSkipsTheRest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.ipynb"), """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# Setup"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["int a = 1;\\n", "int b = 2;"]},
                  {"cell_type": "raw", "metadata": {}, "source": "not code"},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "%maven g:a:1"}
                 ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        var context = new MagicsTest.RecordingContext();
        Magics.standard().run(MagicLine.parse("%load " + dir.resolve("setup")), context);
        assertEquals(List.of("setup.ipynb code cell 1: int a = 1;\nint b = 2;", "setup.ipynb code cell 2: %maven g:a:1"), context.loaded);
    }

    @Test
    void loadSaysInOneLineWhatItTriedOrWhatIsWrong(@TempDir Path dir) throws Exception {
        var magics = Magics.standard();
        var context = new MagicsTest.RecordingContext();
        var e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%load " + dir.resolve("nope")), context));
        assertEquals("%load: no file '" + dir.resolve("nope") + "' in " + Path.of("").toAbsolutePath()
                + " (tried " + dir.resolve("nope") + ", nope.jsh, nope.jshell, nope.java, nope.ijava, nope.ipynb)", e.getMessage());
        e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%load"), context));
        assertEquals("malformed magic '%load': %load takes one file, for example %load helpers.jsh or %load setup.ipynb", e.getMessage());
        Files.writeString(dir.resolve("broken.ipynb"), "{\"cells\": [");
        e = assertThrows(MagicException.class, () -> magics.run(MagicLine.parse("%load " + dir.resolve("broken.ipynb")), context));
        assertTrue(e.getMessage().startsWith("%load: " + dir.resolve("broken.ipynb") + " is not a notebook"), e.getMessage());
    }

    @Test
    void aFileThatLoadsItselfIsAnErrorNotALoop(@TempDir Path dir) throws Exception {
        Path self = dir.resolve("self.jsh");
        Files.writeString(self, "%load " + self + "\n");
        var magics = Magics.standard();
        var context = new MagicsTest.RecordingContext() {
            @Override
            public Object runLoaded(String code, String source) {
                try {
                    return magics.run(MagicLine.parse(code.strip()), this); // as the kernel would run the loaded line
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        };
        var e = assertThrows(RuntimeException.class, () -> magics.run(MagicLine.parse("%load " + self), context));
        assertEquals("%load: " + self + " loads itself (it is being loaded already)", e.getCause().getMessage());
    }

    @Test
    void jarsGivenADirectoryAddsTheJarsInItAndClasspathTheDirectory(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("README.txt"));
        var context = new MagicsTest.RecordingContext();
        Magics.standard().run(MagicLine.parse("%jars " + dir), context);
        Magics.standard().run(MagicLine.parse("%classpath " + dir), context);
        assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString(), dir.toString()), context.classpath);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        var e = assertThrows(MagicException.class, () -> Magics.standard().run(MagicLine.parse("%jars " + empty), context));
        assertEquals("%jars: the directory '" + empty + "' has no jar in it; %classpath adds a directory of classes", e.getMessage());
    }

    @Test
    void loadFromPomPutsACellsFragmentsIntoAPom() throws Exception {
        Document pom = xml(LoadFromPomMagic.completePom("""
                <properties><v>1.0</v></properties>
                <repository><id>mine</id><url>file:/tmp/repo</url></repository>
                <dependency><groupId>g</groupId><artifactId>a</artifactId><version>${v}</version></dependency>
                <dependencies><dependency><groupId>g</groupId><artifactId>b</artifactId><version>2</version></dependency></dependencies>
                """, "%%loadFromPOM"));
        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals("4.0.0", xpath.evaluate("/project/modelVersion", pom));
        assertEquals("notebook:cell:1", xpath.evaluate("concat(/project/groupId, ':', /project/artifactId, ':', /project/version)", pom));
        assertEquals("1.0", xpath.evaluate("/project/properties/v", pom));
        assertEquals("a b", xpath.evaluate("concat(/project/dependencies/dependency[1]/artifactId, ' ', /project/dependencies/dependency[2]/artifactId)", pom));
        assertEquals("${v}", xpath.evaluate("/project/dependencies/dependency[1]/version", pom));
        assertEquals("mine", xpath.evaluate("/project/repositories/repository/id", pom));

        String whole = "<?xml version=\"1.0\"?>\n<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId></project>";
        assertEquals("x", xpath.evaluate("/project/groupId", xml(LoadFromPomMagic.completePom(whole, "%%loadFromPOM"))));

        var e = assertThrows(MagicException.class, () -> LoadFromPomMagic.completePom("<dependency><groupId>g</groupId>", "%%loadFromPOM"));
        assertTrue(e.getMessage().startsWith("%%loadFromPOM: the cell is not well-formed XML (line 1): "), e.getMessage());
    }

    /**
     * A POM resolved as Maven would, from a file repository standing in for Central: a property for a
     * version, a version from dependency management, a transitive dependency, a test dependency left
     * out, a system dependency from its path.
     */
    @Test
    void loadFromPomResolvesThePomsDependenciesAsMavenWould(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        publish(repo, "tiny", "1.0", "<dependency><groupId>org.example</groupId><artifactId>tinier</artifactId><version>2.0</version></dependency>");
        publish(repo, "tinier", "2.0", "");
        publish(repo, "only-for-tests", "1.0", "");
        Path systemJar = Files.write(dir.resolve("system.jar"), new byte[]{'P', 'K', 5, 6});
        var maven = new MavenResolver(repo.toUri().toString(), dir.resolve("local"));
        var context = new MagicsTest.RecordingContext();
        new LoadFromPomMagic(maven).cell(MagicLine.parse("%%loadFromPOM"), """
                <properties><tiny.version>1.0</tiny.version></properties>
                <dependency><groupId>org.example</groupId><artifactId>tiny</artifactId><version>${tiny.version}</version></dependency>
                <dependency><groupId>org.example</groupId><artifactId>only-for-tests</artifactId><version>1.0</version><scope>test</scope></dependency>
                <dependency><groupId>org.example</groupId><artifactId>sys</artifactId><version>1</version><scope>system</scope>
                  <systemPath>%s</systemPath></dependency>
                """.formatted(systemJar), context);
        assertEquals(List.of("system.jar", "tiny-1.0.jar", "tinier-2.0.jar"),
                context.classpath.stream().map(p -> Path.of(p).getFileName().toString()).toList());

        context.classpath.clear();
        new LoadFromPomMagic(maven).cell(MagicLine.parse("%%loadFromPOM test"), """
                <dependencyManagement><dependencies>
                  <dependency><groupId>org.example</groupId><artifactId>only-for-tests</artifactId><version>1.0</version></dependency>
                </dependencies></dependencyManagement>
                <dependency><groupId>org.example</groupId><artifactId>only-for-tests</artifactId><scope>test</scope></dependency>
                """, context);
        assertEquals(List.of("only-for-tests-1.0.jar"), context.classpath.stream().map(p -> Path.of(p).getFileName().toString()).toList());

        var e = assertThrows(MagicException.class, () -> new LoadFromPomMagic(maven).cell(MagicLine.parse("%%loadFromPOM"),
                "<dependency><groupId>org.example</groupId><artifactId>missing</artifactId><version>9</version></dependency>", context));
        assertTrue(e.getMessage().startsWith("%%loadFromPOM: cannot resolve it: "), e.getMessage());
        assertTrue(e.getMessage().contains("org.example:missing"), e.getMessage());
        e = assertThrows(MagicException.class, () -> new LoadFromPomMagic(maven).cell(MagicLine.parse("%%loadFromPOM compile wrong"), "<dependency/>", context));
        assertEquals("malformed magic '%%loadFromPOM compile wrong': 'wrong' is not a Maven scope (compile, runtime, system, import, provided, test)",
                e.getMessage());
    }

    @Test
    void mavenRepoTakesAnIdAndAUrl() {
        var context = new MagicsTest.RecordingContext();
        var e = assertThrows(MagicException.class, () -> Magics.standard().run(MagicLine.parse("%mavenRepo jitpack"), context));
        assertEquals("malformed magic '%mavenRepo jitpack': %mavenRepo takes a repository id and its URL, for example "
                + "%mavenRepo jitpack https://jitpack.io", e.getMessage());
        e = assertThrows(MagicException.class, () -> Magics.standard().run(MagicLine.parse("%addMavenRepo r jitpack.io"), context));
        assertEquals("malformed magic '%addMavenRepo r jitpack.io': 'jitpack.io' is not a repository URL (https://..., or file:/... for a directory)",
                e.getMessage());
    }

    private static void publish(Path repo, String artifact, String version, String dependencies) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("org/example/" + artifact + "/" + version));
        withSha1(Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>%s</artifactId>
                <version>%s</version><dependencies>%s</dependencies></project>
                """.formatted(artifact, version, dependencies)));
        withSha1(Files.write(dir.resolve(artifact + "-" + version + ".jar"), new byte[]{'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    /** The checksum file a repository keeps beside each file (without it the resolver warns at length). */
    private static void withSha1(Path file) throws IOException {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            Files.writeString(Path.of(file + ".sha1"), HexFormat.of().formatHex(sha1));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
