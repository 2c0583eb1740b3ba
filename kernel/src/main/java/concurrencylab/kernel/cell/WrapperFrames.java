package concurrencylab.kernel.cell;

import concurrencylab.kernel.threads.CellLines;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Names the frames of live threads in cell lines. An exception that leaves a snippet comes back from
 * JShell with its frames translated ({@code #12}, the line in the snippet); the frames of a thread
 * that still runs (a thread dump's, a JFR event's) name JShell's generated class ({@code REPL.$JShell$14})
 * and a line of the source JShell wrapped the snippet in. JShell translates those with its map of
 * wrapper classes, which it keeps to itself: this reads it (the kernelspec opens {@code jdk.jshell} to
 * the kernel) and hands the translated frame to {@link Tracebacks}, so a live thread's frame reads as
 * its traceback would: {@code cell [5] line 3}.
 *
 * <pre>{@code
 * CellLines lines = new WrapperFrames(shell::join, tracebacks);
 * lines.name(frame);   // "transfer (cell [5] line 3)", or null for a frame of the JDK or the library
 * }</pre>
 */
final class WrapperFrames implements CellLines {
    private static final String WRAPPER_PREFIX = "REPL.$JShell$";

    private final Supplier<JShell> shell;
    private final Tracebacks tracebacks;
    private volatile Lookup lookup;

    WrapperFrames(Supplier<JShell> shell, Tracebacks tracebacks) {
        this.shell = shell;
        this.tracebacks = tracebacks;
    }

    /** JShell's map of wrapper classes and the two methods that translate a wrapper line. */
    private record Lookup(Object outerMap, Method getOuter, Method toSnippet, Method toSnippetLine) {}

    @Override
    public String name(StackTraceElement frame) {
        if (frame.getFileName() != null && frame.getFileName().startsWith("#")) return tracebacks.cellFrame(frame);
        if (!frame.getClassName().startsWith(WRAPPER_PREFIX)) return null;
        StackTraceElement translated = translate(frame);
        return translated == null ? null : tracebacks.cellFrame(translated);
    }

    /** The frame as JShell translates an exception's: file {@code #snippetId}, line in the snippet; null when it cannot. */
    private StackTraceElement translate(StackTraceElement frame) {
        if (frame.getLineNumber() <= 0) return null;
        try {
            Lookup l = lookup();
            Object outer = l.getOuter().invoke(l.outerMap(), frame.getClassName());
            if (outer == null) return null;
            int wrapLine = frame.getLineNumber() - 1;
            Snippet snippet = (Snippet) l.toSnippet().invoke(outer, wrapLine);
            if (snippet == null) return null;
            int line = (int) l.toSnippetLine().invoke(outer, wrapLine) + 1;
            return new StackTraceElement(frame.getClassName(), frame.getMethodName(), "#" + snippet.id(), line);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // another JDK's JShell, or its map changing while we read it: the frame keeps JShell's name
            return null;
        }
    }

    private Lookup lookup() throws ReflectiveOperationException {
        Lookup l = lookup;
        if (l == null) {
            Field field = JShell.class.getDeclaredField("outerMap");
            field.setAccessible(true);
            Object outerMap = field.get(shell.get());
            Method getOuter = outerMap.getClass().getDeclaredMethod("getOuter", String.class);
            getOuter.setAccessible(true);
            Class<?> outerClass = getOuter.getReturnType(); // OuterSnippetsClassWrap
            Method toSnippet = outerClass.getMethod("wrapLineToSnippet", int.class);
            toSnippet.setAccessible(true);
            Method toSnippetLine = outerClass.getMethod("wrapLineToSnippetLine", int.class);
            toSnippetLine.setAccessible(true);
            lookup = l = new Lookup(outerMap, getOuter, toSnippet, toSnippetLine);
        }
        return l;
    }
}
