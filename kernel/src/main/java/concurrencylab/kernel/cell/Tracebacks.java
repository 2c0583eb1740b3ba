package concurrencylab.kernel.cell;

import concurrencylab.kernel.exec.KernelHeap;
import concurrencylab.kernel.magic.MagicException;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Errors as the user reads them: a compile error at its cell line with a caret under its column, an
 * exception with its frames in cell lines ({@code at twice (cell [3] line 2)}) and the frames of
 * JShell and the kernel left out. JShell names a frame of cell code by its snippet; this keeps where
 * each snippet's source starts in its cell.
 *
 * <pre>{@code
 * tracebacks.place(snippet.id(), 3, 1);   // the snippet starts on line 2 of cell [3]
 * tracebacks.frame(element);              // "    at twice (cell [3] line 2)"
 * }</pre>
 */
final class Tracebacks {
    /** Where a snippet's source starts: its cell's execution count and its 0-based line in the cell. */
    private record Place(int count, int line) {}

    private final Map<String, Place> places = new ConcurrentHashMap<>();

    /**
     * Code run by {@code %load} is placed, and named in errors, as a source of its own ({@code helpers.jsh
     * line 3}): it gets a negative number in place of a cell's execution count, one per source name.
     */
    private static final Map<String, Integer> LOADED_NUMBERS = new ConcurrentHashMap<>();
    private static final Map<Integer, String> LOADED_NAMES = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADED_SOURCES = new AtomicInteger();

    /** Notes that snippet {@code snippetId} starts on 0-based line {@code line} of cell {@code count}. */
    void place(String snippetId, int count, int line) {
        places.put(snippetId, new Place(count, line));
    }

    /** Forgets where a snippet started: its id names no snippet any more ({@link ShellMemory}). */
    void forget(String snippetId) {
        places.remove(snippetId);
    }

    /** {@code cell [3] line 2}: how a traceback names a cell line ({@code line} counts from 1). */
    static String at(int count, int line) {
        return cell(count) + " line " + line;
    }

    /** {@code cell [3]}, or the name of the loaded source that {@code count} stands for. */
    static String cell(int count) {
        String loaded = count < 0 ? LOADED_NAMES.get(count) : null;
        return loaded != null ? loaded : "cell [" + count + "]";
    }

    /** The number that stands for loaded source {@code name} ({@code "helpers.jsh"}) where a cell's count would. */
    static int loadedSource(String name) {
        return LOADED_NUMBERS.computeIfAbsent(name, n -> {
            int number = -1 - LOADED_SOURCES.getAndIncrement();
            LOADED_NAMES.put(number, n);
            return number;
        });
    }

    /** The errors javac reported for a snippet, each at its line, with the line and a caret under the column. */
    static CellError compileError(List<Diag> diagnostics, String src, int count, int snippetLine) {
        List<String> trace = new ArrayList<>();
        String first = null;
        for (Diag d : diagnostics) {
            if (!d.isError()) continue;
            String msg = d.getMessage(Locale.ROOT);
            int pos = (int) Math.max(0, Math.min(src.length(), d.getStartPosition()));
            int lineInSnippet = (int) src.substring(0, pos).chars().filter(c -> c == '\n').count();
            int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = src.indexOf('\n', pos);
            String codeLine = src.substring(lineStart, lineEnd < 0 ? src.length() : lineEnd);
            String[] msgLines = msg.split("\n");
            trace.add(at(count, snippetLine + lineInSnippet + 1) + ": " + msgLines[0]);
            trace.add("    " + codeLine);
            trace.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + "^");
            for (int k = 1; k < msgLines.length; k++) trace.add("  " + msgLines[k].strip());
            if (first == null) first = msgLines[0];
        }
        if (first == null) {
            first = "the snippet was rejected: " + firstLine(src);
            trace.add(first);
        }
        return new CellError("CompilationError", first, trace);
    }

    /** Code that ends inside a statement: JShell would wait for more, a cell has none. */
    static CellError incomplete(String chunk, int count, int line) {
        String msg = "the cell ends inside a statement (a missing ';', ')' or '}'?)";
        return new CellError("CompilationError", msg, List.of(at(count, line) + ": " + msg, "    " + firstLine(chunk)));
    }

    /** An exception thrown by cell code (a snippet's, or a widget callback's), with its causes, in the cell's lines. */
    CellError runtimeError(Throwable ex) {
        if (ex instanceof UnresolvedReferenceException ure) {
            String msg = "this code uses something not defined yet: " + firstLine(ure.getSnippet().source())
                    + " (define what it needs in an earlier cell)";
            return new CellError("UnresolvedReference", msg, List.of(msg));
        }
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        List<String> trace = new ArrayList<>();
        if (className(ex).equals(OutOfMemoryError.class.getName()) && KernelHeap.isHeapFull(message)) {
            String advice = KernelHeap.advice();
            trace.add(advice);
            for (StackTraceElement el : ex.getStackTrace()) {
                String line = frame(el);
                if (line != null) trace.add(line);
            }
            return new CellError("OutOfMemoryError", advice, trace);
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            trace.add((t == ex ? "" : "Caused by: ") + className(t) + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            for (StackTraceElement el : t.getStackTrace()) {
                String line = frame(el);
                if (line != null) trace.add(line);
            }
        }
        return new CellError(className(ex), message, trace);
    }

    /** The class of an exception cell code threw (JShell wraps it in an {@link EvalException}). */
    private static String className(Throwable t) {
        return t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
    }

    /**
     * A stack frame as the user reads it: {@code at method (cell [3] line 2)} for cell code, as is for
     * library and JDK code, null for the internals of JShell and the kernel.
     */
    String frame(StackTraceElement el) {
        String cls = el.getClassName();
        if (cls.startsWith("jdk.internal.") || cls.startsWith("java.lang.reflect.") || cls.startsWith("jdk.jshell.")
                || cls.startsWith("concurrencylab.kernel.")) return null;
        String cell = cellFrame(el);
        return cell != null ? "    at " + cell : "    at " + el;
    }

    /**
     * A frame of cell code as JShell reports it (its file {@code #snippetId}, its line in the snippet) in
     * cell lines: {@code twice (cell [3] line 2)}, or {@code cell [3] line 2} for a cell's top level and
     * the lambdas written there; null for any other frame.
     */
    String cellFrame(StackTraceElement el) {
        String file = el.getFileName();
        if (file == null || !file.startsWith("#")) return null;
        Place place = places.get(file.substring(1));
        String where = place == null ? "an earlier cell" : at(place.count(), place.line() + el.getLineNumber());
        String method = el.getMethodName();
        if (method.startsWith("lambda$")) method = method.substring("lambda$".length()).replaceFirst("\\$.*", ""); // lambda$twice$0: in twice
        boolean topLevel = method.isBlank() || method.startsWith("do_it") || method.equals("<clinit>") || method.equals("static")
                || method.equals("new");
        return topLevel ? where : method + " (" + where + ")";
    }

    /** A cell stopped by an interrupt. */
    static CellError interrupted(int count) {
        String msg = "the cell was interrupted";
        return new CellError("Interrupted", msg, List.of(cell(count) + ": " + msg));
    }

    /** A magic that failed: its one line for a {@link MagicException}, the exception's name and message otherwise. */
    static CellError magicError(Exception e, int count, int line) {
        if (e instanceof MagicException) {
            return new CellError("MagicError", e.getMessage(), List.of(at(count, line) + ": " + e.getMessage()));
        }
        return new CellError(e.getClass().getName(), String.valueOf(e.getMessage()), List.of(at(count, line) + ": " + e));
    }

    private static String firstLine(String source) {
        return source.strip().lines().findFirst().orElse("");
    }
}
