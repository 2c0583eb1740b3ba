package concurrencylab.kernel.cell;

import concurrencylab.kernel.exec.CellExecutionControl;
import concurrencylab.kernel.magic.Magic;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Runs a cell's Java code snippet by snippet, as JShell's analysis splits it: each snippet as its kind
 * ({@link SnippetKind}), its value taken from the engine, its errors made into {@link Tracebacks}. As in
 * IJava, a snippet ending in {@code ;} shows no value; the cell's value is its last snippet's.
 *
 * <pre>{@code
 * Object value = snippets.run(jshell, "int x = 20;\nx * 2", 7, 0);   // 40: cell [7], from its first line
 * }</pre>
 */
final class SnippetRunner {
    /** What {@link #runAsDeclaration} returns when the declaration did not compile, having run nothing. */
    private static final Object NOT_RUN = new Object();

    private final CellExecutionControl.Provider engine;
    private final Tracebacks tracebacks;
    private final CellTimeLimit timeLimit;
    private final StopReport stopReport;
    private final SnippetImports imports;
    /** Numbers the declarations that displayed values and statements run as; cells run one at a time. */
    private int serial;

    SnippetRunner(CellExecutionControl.Provider engine, Tracebacks tracebacks, CellTimeLimit timeLimit, StopReport stopReport) {
        this(engine, tracebacks, timeLimit, stopReport, SnippetImports.narrowing(LoggerFactory.getLogger(SnippetImports.class)::warn));
    }

    /** A runner whose snippets import what {@code imports} says (all, as in JShell, to compare with). */
    SnippetRunner(CellExecutionControl.Provider engine, Tracebacks tracebacks, CellTimeLimit timeLimit, StopReport stopReport,
                  SnippetImports imports) {
        this.imports = imports;
        this.engine = engine;
        this.tracebacks = tracebacks;
        this.timeLimit = timeLimit;
        this.stopReport = stopReport;
    }

    /** Runs Java source that starts on 0-based line {@code firstLine} of cell {@code count}; returns its value or {@link Magic#NO_VALUE}. */
    Object run(JShell js, String source, int count, int firstLine) throws CellError {
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        String remaining = source;
        int consumed = 0;
        Object value = Magic.NO_VALUE;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            boolean complete = info.completeness().isComplete();
            // An incomplete snippet is the rest of the cell; JShell's remaining() then is no suffix of it.
            int used = complete ? remaining.length() - info.remaining().length() : remaining.length();
            String chunk = remaining.substring(0, used);
            int lead = chunk.length() - chunk.stripLeading().length();
            int snippetLine = firstLine + (int) source.substring(0, consumed + lead).chars().filter(c -> c == '\n').count();
            if (!complete) throw Tracebacks.incomplete(chunk, count, snippetLine + 1);
            // Leading blank lines are counted in snippetLine; JShell would count them again in diagnostics.
            String snippet = info.source().stripLeading();
            boolean shown = !chunk.strip().endsWith(";"); // as in IJava: a trailing ';' hides the result
            value = runSnippet(js, snippet, shown, count, snippetLine);
            consumed += used;
            remaining = info.remaining();
        }
        return value;
    }

    private Object runSnippet(JShell js, String snippet, boolean shown, int count, int snippetLine) throws CellError {
        for (SnippetKind kind : SnippetKind.tries(snippet, shown)) {
            Object value = kind == SnippetKind.AS_WRITTEN
                    ? runAsWritten(js, snippet, count, snippetLine)
                    : runAsDeclaration(js, kind.source(snippet, ++serial), count, snippetLine);
            if (value != NOT_RUN) return shown && kind != SnippetKind.STATEMENT ? value : Magic.NO_VALUE;
        }
        throw new IllegalStateException("a snippet that ran as written returned NOT_RUN: " + snippet);
    }

    /** True when {@code code} is one expression with a value (not a statement or declaration). */
    boolean isExpression(JShell js, String code) {
        List<Snippet> snippets = js.sourceCodeAnalysis().sourceToSnippets(code);
        return snippets.size() == 1 && SnippetKind.hasValue(snippets.getFirst());
    }

    /**
     * Runs a displayed expression or a statement as the declaration {@link SnippetKind} made of it, then
     * drops that declaration and returns its value. Returns NOT_RUN, having run nothing, when it does not
     * compile (a declaration, a void call, a return, a compile error): the caller then runs the snippet
     * as written, with its own diagnostics.
     */
    private Object runAsDeclaration(JShell js, String declaration, int count, int snippetLine) throws CellError {
        // A fresh name that nothing uses: it need only import the declarations its text names.
        List<SnippetEvent> events = imports.naming(js, declaration, () -> js.eval(declaration));
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main == null) return NOT_RUN;
        js.drop(main.snippet()); // its value is taken below; kept, every later cell would import it
        // Not VALID also when it refers to something not yet declared: JShell keeps such a declaration
        // for later (RECOVERABLE_NOT_DEFINED) without a word, where the code as written is an error.
        if (main.status() != Snippet.Status.VALID) return NOT_RUN;
        tracebacks.place(main.snippet().id(), count, snippetLine);
        if (main.exception() != null) throw tracebacks.runtimeError(main.exception());
        if (engine.control().takeStopped()) throw stopped(count);
        return engine.control().takeValue(main.value(), null);
    }

    private Object runAsWritten(JShell js, String src, int count, int snippetLine) throws CellError {
        Object value = Magic.NO_VALUE;
        for (SnippetEvent e : imports.declaring(js, src, () -> js.eval(src))) {
            if (e.causeSnippet() != null) continue; // updates of dependent snippets
            Snippet snippet = e.snippet();
            tracebacks.place(snippet.id(), count, snippetLine);
            if (e.status() == Snippet.Status.REJECTED) {
                throw Tracebacks.compileError(js.diagnostics(snippet).toList(), src, count, snippetLine);
            }
            if (snippet instanceof VarSnippet variable && e.status().isDefined()) {
                TopLevelModifiers.warning(variable).ifPresent(System.err::println);
            }
            if (e.exception() != null) throw tracebacks.runtimeError(e.exception());
            value = SnippetKind.hasValue(snippet) && e.value() != null ? engine.control().takeValue(e.value(), e.value()) : Magic.NO_VALUE;
        }
        // JShell reports a stopped snippet as a plain event, without an exception.
        if (engine.control().takeStopped()) throw stopped(count);
        return value;
    }

    /** The error of a cell an interrupt or the time limit stopped, with the threads it started that outlived the stop. */
    private CellError stopped(int count) {
        return stopReport.extend(timeLimit.passed() ? timeLimit.error(count) : Tracebacks.interrupted(count), count);
    }
}
