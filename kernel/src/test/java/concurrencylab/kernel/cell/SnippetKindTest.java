package concurrencylab.kernel.cell;

import concurrencylab.kernel.magic.Magic;
import concurrencylab.kernel.start.ShellStart;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static concurrencylab.kernel.cell.SnippetKind.AS_WRITTEN;
import static concurrencylab.kernel.cell.SnippetKind.DISPLAYED_EXPRESSION;
import static concurrencylab.kernel.cell.SnippetKind.STATEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of snippet: what the runner tries it as, and what running it in JShell does (its value, the
 * declaration it ran as dropped again, the user's declarations kept).
 */
class SnippetKindTest {
    private static ShellStart start;
    private static JShell js;
    private static SnippetRunner runner;

    @BeforeAll
    static void startJShell() throws Exception {
        // The kernel's classes (Notebook, CellValue), as ./lab build's compile-classes directory holds them.
        System.setProperty("concurrencylab.compile.classpath",
                Path.of(ShellStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        start = ShellStart.begin(line -> { });
        js = start.join();
        runner = new SnippetRunner(start.engine(), new Tracebacks(), new CellTimeLimit(null, () -> { }), new StopReport(() -> null));
    }

    @AfterAll
    static void close() {
        js.close();
        System.clearProperty("concurrencylab.compile.classpath");
    }

    private static Object run(String code, int count) throws CellError {
        return runner.run(js, code + "\n", count, 0);
    }

    /** The snippet JShell compiled last, dropped or not. */
    private static Snippet newest() {
        return js.snippets().reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void declarationsRunAsWrittenAndStay() throws CellError {
        assertEquals(List.of(AS_WRITTEN), SnippetKind.tries("int base = 40;", false));
        assertEquals(List.of(AS_WRITTEN), SnippetKind.tries("String s = \"a\"", true));
        assertEquals(List.of(AS_WRITTEN), SnippetKind.tries("int twice(int v) { return 2 * v; }", true));
        assertEquals(List.of(AS_WRITTEN), SnippetKind.tries("record Point(int x, int y) {}", true));
        assertEquals(List.of(AS_WRITTEN), SnippetKind.tries("import java.util.*;", false));

        assertSame(Magic.NO_VALUE, run("int base = 40;", 1));
        assertEquals("int base = 40;", newest().source().strip());
        assertEquals(Snippet.Status.VALID, js.status(newest()));
        assertSame(Magic.NO_VALUE, run("int twice(int v) { return 2 * v; }", 1));
        assertEquals(84, run("twice(base + 2)", 2));
    }

    @Test
    void aDisplayedExpressionRunsAsADroppedDeclaration() throws CellError {
        assertEquals(List.of(DISPLAYED_EXPRESSION, AS_WRITTEN), SnippetKind.tries("6 * 7", true));
        assertEquals(List.of(AS_WRITTEN), SnippetKind.tries("6 * 7;", false), "a trailing ';' shows nothing: no value to take");

        assertEquals(42, run("6 * 7", 3));
        assertTrue(newest().source().startsWith("Object $$value"), newest().source());
        assertEquals(Snippet.Status.DROPPED, js.status(newest()), "the declaration is gone: later cells don't see it");
        assertSame(Magic.NO_VALUE, run("6 * 7;", 3));
        assertEquals(null, run("(String) null", 3), "null is a value too");
    }

    @Test
    void aStatementRunsAsASwitchBlockInADroppedDeclaration() throws CellError {
        assertEquals(List.of(STATEMENT, AS_WRITTEN), SnippetKind.tries("for (int i = 0; i < 3; i++) counter[0]++;", false));
        assertEquals(List.of(STATEMENT, AS_WRITTEN), SnippetKind.tries("total += 2;", false));
        assertEquals(List.of(STATEMENT, AS_WRITTEN), SnippetKind.tries("list.add(4);", false));
        assertEquals(List.of(DISPLAYED_EXPRESSION, STATEMENT, AS_WRITTEN), SnippetKind.tries("System.out.print(\"\")", true),
                "a call shown may be void: tried as a value first");

        run("int[] counter = {0};", 4);
        assertSame(Magic.NO_VALUE, run("for (int i = 0; i < 3; i++) counter[0]++;", 4));
        assertTrue(newest().source().contains("switch (0)"), newest().source());
        assertEquals(Snippet.Status.DROPPED, js.status(newest()));
        assertSame(Magic.NO_VALUE, run("System.out.print(\"\")", 4), "a void call shows nothing");
        assertTrue(newest().source().contains("switch (0)"), "it ran as a statement: " + newest().source());
        assertEquals(3, run("counter[0]", 5));
    }

    @Test
    void errorsPointAtTheCellsOwnLines() throws CellError {
        run("int divide(int x) {\n    return 10 / x;\n}", 6);
        var e = assertThrows(CellError.class, () -> runner.run(js, "int zero = 0;\ndivide(zero)\n", 7, 0));
        assertEquals("java.lang.ArithmeticException", e.ename());
        assertTrue(e.traceback().contains("    at divide (cell [6] line 2)"), e.traceback().toString());
        assertTrue(e.traceback().contains("    at cell [7] line 2"), e.traceback().toString());

        e = assertThrows(CellError.class, () -> runner.run(js, "\nfor (int i = 0; i < 2; i++) undefinedThing();\n", 8, 0));
        assertEquals("CompilationError", e.ename());
        assertTrue(e.traceback().getFirst().startsWith("cell [8] line 2: cannot find symbol"), e.traceback().toString());

        // Code that ends inside a statement: one clear line at the statement's first line.
        e = assertThrows(CellError.class, () -> runner.run(js, "int y = 1;\n\nif (y > 0) {\n  y++;\n", 9, 0));
        assertEquals("the cell ends inside a statement (a missing ';', ')' or '}'?)", e.evalue());
        assertEquals(List.of("cell [9] line 3: the cell ends inside a statement (a missing ';', ')' or '}'?)", "    if (y > 0) {"), e.traceback());
    }
}
