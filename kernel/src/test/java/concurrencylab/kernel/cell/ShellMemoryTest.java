package concurrencylab.kernel.cell;

import concurrencylab.kernel.start.ShellStart;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the kernel keeps of JShell's snippets between cells: dead ones and their classes forgotten, live
 * declarations kept with what tracebacks need, code that can outlive its cell kept for worker JVMs.
 */
class ShellMemoryTest {
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

    /** Runs a cell as the cell runner does: its snippets, then the memory trimmed. */
    private static Object cell(String code) throws CellError {
        try {
            return runner.run(js, code + "\n", ++count, 0);
        } finally {
            memory.afterCell();
        }
    }

    private static Map<String, byte[]> classes() {
        return start.engine().control().classBytes();
    }

    private static String wrapperOf(String name) {
        return classes().keySet().stream().filter(n -> n.endsWith("$" + name)).findFirst()
                .map(n -> n.substring(0, n.length() - name.length() - 1)).orElseThrow(() -> new AssertionError("no class " + name + " in " + classes().keySet()));
    }

    @Test
    void displayedValuesAndStatementsLeaveNoSnippetBehind() throws CellError {
        cell("int seed = 3;");
        long before = js.snippets().count();
        for (int i = 0; i < 50; i++) {
            assertEquals(seed(i), cell("seed * " + i));
            cell("seed += 0;");
        }
        assertEquals(before, js.snippets().count(), "100 displayed values and statements later, JShell holds the same snippets");
        assertTrue(log.isEmpty(), log.toString());
    }

    private static int seed(int i) {
        return 3 * i;
    }

    @Test
    void aRedefinedClassLosesItsBytesAndItsFile() throws Exception {
        cell("record Pair(int a, int b) {}");
        String old = wrapperOf("Pair");
        Path dir = Path.of(System.getProperty("spark.repl.class.outputDir"));
        Path oldFile = dir.resolve(old.replace('.', '/') + "$Pair.class");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(oldFile) && System.nanoTime() < deadline) Thread.sleep(20); // the directory is made off javac's path
        assertTrue(Files.exists(oldFile), oldFile + " was written for Spark executors");

        cell("record Pair(int a, int b, int c) {}");
        String now = wrapperOf("Pair");
        assertFalse(now.equals(old), now);
        assertFalse(classes().containsKey(old), "the old wrapper's bytes are gone");
        assertFalse(classes().containsKey(old + "$Pair"), "the old record's bytes are gone");
        assertFalse(Files.exists(oldFile), "and its file");
        assertTrue(classes().containsKey(now + "$Pair"));
        assertTrue(Files.exists(dir.resolve(now.replace('.', '/') + "$Pair.class")));
        assertEquals("Pair[a=1, b=2, c=3]", cell("new Pair(1, 2, 3)").toString());
    }

    @Test
    void tracebacksStillNameTheLinesOfEarlierCells() throws CellError {
        for (int i = 0; i < 30; i++) cell("int filler" + i + " = " + i + ";"); // each wrap imports them all
        cell("int divide(int x) {\n    int y = x + 1;\n    return 10 / (y - 1);\n}");
        int defined = count;
        for (int i = 0; i < 30; i++) cell("String later" + i + " = \"" + i + "\";");
        var e = assertThrows(CellError.class, () -> cell("int zero = 0;\ndivide(zero)"));
        assertEquals("java.lang.ArithmeticException", e.ename());
        assertTrue(e.traceback().contains("    at divide (cell [" + defined + "] line 3)"), e.traceback().toString());
        assertTrue(e.traceback().contains("    at cell [" + count + "] line 2"), e.traceback().toString());
    }

    @Test
    void aLambdaAStatementLeftInAVariableCanStillBeShippedAndTraced() throws CellError {
        cell("var tasks = new java.util.ArrayList<java.util.function.IntUnaryOperator>();");
        cell("tasks.add(x -> 100 / x);"); // a statement: its declaration is dropped, its lambda lives on in tasks
        int added = count;
        for (int i = 0; i < 5; i++) cell("1 + " + i);
        String lambda = (String) cell("tasks.get(0).getClass().getName()");
        String host = lambda.substring(0, lambda.indexOf("$$Lambda"));
        assertTrue(classes().containsKey(host), host + " is kept for worker JVMs: " + classes().keySet());
        assertEquals(25, cell("tasks.get(0).applyAsInt(4)"));
        var e = assertThrows(CellError.class, () -> cell("tasks.get(0).applyAsInt(0)"));
        assertTrue(e.traceback().stream().anyMatch(l -> l.contains("cell [" + added + "] line 1")), e.traceback().toString());
    }

    @Test
    void aRejectedRedefinitionAndADependentUpdateKeepTheSessionWorking() throws CellError {
        cell("int base = 10;");
        cell("int plus(int v) { return base + v; }");
        assertThrows(CellError.class, () -> cell("int base = \"ten\";"));
        cell("int base = 20;");
        assertEquals(25, cell("plus(5)"));
        assertEquals(Snippet.Status.VALID, js.snippets().filter(s -> s.source().startsWith("int plus")).map(js::status).findFirst().orElseThrow());
    }
}
