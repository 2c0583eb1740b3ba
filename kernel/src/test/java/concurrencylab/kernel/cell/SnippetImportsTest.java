package concurrencylab.kernel.cell;

import concurrencylab.kernel.start.ShellStart;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a cell's compile imports of the session: only the declarations its text names, yet every
 * redefinition still recompiles the snippets that use it, and a var's inferred type still resolves.
 */
class SnippetImportsTest {
    private static ShellStart start;
    private static JShell js;
    private static SnippetRunner runner;
    private static ShellMemory memory;
    private static final List<String> log = new CopyOnWriteArrayList<>();
    private static int count;

    @BeforeAll
    static void startJShell() throws Exception {
        System.setProperty("concurrencylab.compile.classpath",
                Path.of(ShellStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        start = ShellStart.begin(line -> { });
        js = start.join();
        var tracebacks = new Tracebacks();
        runner = new SnippetRunner(start.engine(), tracebacks, new CellTimeLimit(null, () -> { }), new StopReport(() -> null));
        memory = new ShellMemory(start.engine(), tracebacks::forget, log::add);
        memory.attach(js);
    }

    @AfterAll
    static void close() {
        js.close();
        System.clearProperty("concurrencylab.compile.classpath");
    }

    /** Runs a cell as the cell runner does. */
    private static Object cell(String code) throws CellError {
        try {
            return runner.run(js, code + "\n", ++count, 0);
        } finally {
            memory.afterCell();
        }
    }

    /** The import lines of the class JShell would wrap {@code code} in now. */
    private static String importsOf(String code) {
        List<SourceCodeAnalysis.SnippetWrapper> wrappers = js.sourceCodeAnalysis().wrappers(code);
        String wrapped = wrappers.getFirst().wrapped();
        return wrapped.substring(0, wrapped.indexOf("class "));
    }

    @Test
    void aDisplayedValueImportsOnlyTheDeclarationsItNames() throws CellError {
        cell("int shown = 2;\nint unseen = 3;\nrecord Unnamed(int x) {}\nint helper() { return 1; }");
        var imports = SnippetImports.narrowing(log::add);
        String narrowed = imports.naming(js, "shown + 1", () -> importsOf("shown + 1"));
        assertTrue(narrowed.contains(".shown;"), narrowed);
        for (String other : List.of(".unseen;", ".Unnamed;", ".helper;")) {
            assertFalse(narrowed.contains(other), other + " imported: " + narrowed);
        }
        assertTrue(narrowed.contains("import java.util.concurrent.*;"), "the package imports stay: " + narrowed);
        assertTrue(importsOf("shown + 1").contains(".unseen;"), "after it, JShell imports everything again");
        assertEquals(3, cell("shown + 1"));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void javacListsOnlyTheClassFilesOfWhatIsImportedAndWhatTheyReferTo() throws CellError {
        cell("record Listed(int x) {}");
        cell("record Unlisted(int x) {}");
        cell("Listed wrapped(int x) { return new Listed(x); }");
        var imports = SnippetImports.narrowing(log::add);
        Set<String> listed = imports.naming(js, "Object $$listed = wrapped(1);", imports::listedClassFiles);
        // Listed is not named, so not imported, but javac reads it as wrapped's return type.
        assertTrue(listed.stream().anyMatch(name -> name.endsWith("$Listed")), "the class wrapped returns: " + listed);
        assertFalse(listed.stream().anyMatch(name -> name.endsWith("$Unlisted")), "listed: " + listed);
        assertTrue(imports.listedClassFiles().stream().anyMatch(name -> name.endsWith("$Unlisted")), "after it, every class file is listed again");
        assertEquals("Listed[x=1]", String.valueOf(cell("wrapped(1)")));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void aRedefinitionRecompilesItsUsersWithWhatTheyName() throws CellError {
        cell("int offset = 10;");
        cell("int scale = 3;");
        cell("int scaled(int x) { return x * scale + offset; }");
        cell("int twiceScaled(int x) { return 2 * scaled(x); }");
        for (int i = 0; i < 20; i++) cell("int filler" + i + " = " + i + ";");
        assertEquals(16, cell("scaled(2)"));
        // A new type recompiles scaled, which needs offset (not named here), and so twiceScaled.
        cell("short scale = 4;");
        assertEquals(18, cell("scaled(2)"));
        assertEquals(36, cell("twiceScaled(2)"));
        for (Snippet s : js.snippets().filter(s -> js.status(s).isActive()).toList()) {
            assertEquals(Snippet.Status.VALID, js.status(s), s.source());
        }
    }

    /**
     * The same cells in two sessions, one importing everything into each snippet as JShell does: every
     * cell shows the same value or error, and every snippet and variable ends the same.
     */
    @Test
    void everyCellEndsAsWithEverythingImported() throws Exception {
        List<String> cells = new java.util.ArrayList<>(List.of(
                "record Sample(int x) {}", "var first = new Sample(2);", "var copy = first;", "copy.x()",
                "Sample make(int x) { return new Sample(x); }", "var made = make(3);", "made.x()",
                "Sample make(long x) { return new Sample((int) x + 1); }", "made", "make(4).x()",
                "record Sample(int x) { int twice() { return 2 * x; } }", "copy", "first = new Sample(5);", "first.twice()",
                "int later() { return notYet * 2; }", "later()", "int notYet = 21;", "later()",
                "interface Shape permits Square, Circle {}", "record Square(double side) implements Shape {}",
                "record Circle(double r) implements Shape {}",
                "double area(Shape s) { return switch (s) { case Square q -> q.side() * q.side(); case Circle c -> 3 * c.r() * c.r(); }; }",
                "area(new Square(2)) + area(new Circle(1))",
                "class Base { int id() { return 1; } }", "class Derived extends Base { int id() { return super.id() + 1; } }",
                "new Derived().id()", "class Base { int id() { return 10; } }", "new Derived().id()",
                "enum Level { LOW, HIGH }", "Level pick(boolean b) { return b ? Level.HIGH : Level.LOW; }", "pick(true)",
                "var task = new Runnable() { int runs; public void run() { runs++; } };", "task.run();", "task.runs",
                "<T extends Comparable<T>> T largest(List<T> xs) { return Collections.max(xs); }", "largest(List.of(3, 9, 4))",
                "int over(int x) { return 1; }", "int over(String s) { return 2; }", "over(1) + over(\"a\")",
                "import java.util.function.IntBinaryOperator;", "IntBinaryOperator plus = (a, b) -> a + b;", "plus.applyAsInt(2, 3)",
                "var counts = new HashMap<String, Integer>();", "counts.merge(\"a\", 1, Integer::sum);", "counts",
                "undefinedName + 1", "int broken = \"text\";", "String label = \"n\" + notYet;", "label",
                "long notYet = 22;", "later()", "label"));
        for (int i = 0; i < 60; i++) cells.add(dayCell(i));
        var narrowed = new Session(SnippetImports.narrowing(log::add));
        var everything = new Session(SnippetImports.everything());
        try {
            for (String cell : cells) {
                assertEquals(everything.run(cell), narrowed.run(cell), cell);
            }
            assertEquals(everything.state(), narrowed.state());
        } finally {
            narrowed.close();
            everything.close();
        }
        assertTrue(log.isEmpty(), log.toString());
    }

    /** Cells like a lesson's, in turn (as the kernel benchmark's day), reusing names as a re-run would. */
    private static String dayCell(int i) {
        String name = String.valueOf(i % 20);
        return switch (i % 5) {
            case 0 -> "int a" + name + " = " + i + ";\nString s" + name + " = \"value \" + a" + name + ";";
            case 1 -> "var list" + name + " = new ArrayList<Integer>();\nfor (int j = 0; j < 5; j++) list" + name + ".add(j * " + i + ");\nlist" + name + ".size()";
            case 2 -> "record Point" + name + "(int x, int y) { double norm() { return Math.hypot(x, y); } }\nvar p" + name + " = new Point" + name + "(3, " + i + ");\np" + name + ".norm()";
            case 3 -> "IntStream.rangeClosed(1, " + (i % 7 + 3) + ").boxed().map(x -> x * x).collect(Collectors.toList())";
            default -> "a" + (i % 20 / 5 * 5) + " + 1";
        };
    }

    /** A session of its own: a JShell, a runner importing as told, the memory trimmed after each cell. */
    private static final class Session {
        private final JShell shell;
        private final SnippetRunner cells;
        private final ShellMemory kept;
        private int n;

        Session(SnippetImports imports) {
            ShellStart started = ShellStart.begin(line -> { });
            shell = started.join();
            var tracebacks = new Tracebacks();
            cells = new SnippetRunner(started.engine(), tracebacks, new CellTimeLimit(null, () -> { }), new StopReport(() -> null), imports);
            kept = new ShellMemory(started.engine(), tracebacks::forget, log::add);
            kept.attach(shell);
        }

        /** The cell's value, or its error's first line. */
        String run(String code) {
            try {
                return String.valueOf(cells.run(shell, code + "\n", ++n, 0));
            } catch (CellError e) {
                return "error: " + e.getMessage().lines().findFirst().orElse("");
            } finally {
                kept.afterCell();
            }
        }

        /** Each live snippet's status and source, and each valid variable's value (without identity hashes). */
        List<String> state() {
            return shell.snippets().filter(s -> shell.status(s).isActive())
                    .map(s -> shell.status(s) + " " + s.source().strip()
                            + (s instanceof jdk.jshell.VarSnippet v && shell.status(v) == Snippet.Status.VALID ? " = " + shell.varValue(v).replaceAll("/0x\\p{XDigit}+|@\\p{XDigit}+", "") : ""))
                    .toList();
        }

        void close() {
            shell.close();
        }
    }

    @Test
    void aVariableNamedVarAndAnEscapedNameAreSeen() throws CellError {
        cell("int var = 3;");
        cell("int plusVar(int x) { return x + var; }");
        cell("short var = 4;"); // plusVar recompiles: it is a user of var
        assertEquals(5, cell("plusVar(1)"));
        cell("int \\u0065scaped = 7;");
        assertEquals(8, cell("escaped + 1"));
        assertEquals(Set.of("abc", "x", "y"), SnippetImports.names("a\\u0062c + x /* y */"));
    }
}
