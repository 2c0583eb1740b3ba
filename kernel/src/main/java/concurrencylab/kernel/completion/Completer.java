package concurrencylab.kernel.completion;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The kernel's answers to the frontend's questions about code being typed: completion (JShell's
 * suggestions plus package names), inspection (the Javadoc under the cursor), and whether a cell is
 * complete, incomplete or invalid.
 *
 * <pre>{@code
 * var completer = new Completer(start::join, start.completion());
 * completer.complete("import java.util.con", 20);   // [concurrent], replacing from 17
 * completer.isComplete("for (int i = 0;");          // "    ": more to come, indented
 * }</pre>
 */
public final class Completer {
    private final Supplier<JShell> shell;
    private final CompletionIndex index;

    /** Answers from the JShell {@code shell} gives (waiting for its start) and the package names of {@code index}. */
    public Completer(Supplier<JShell> shell, CompletionIndex index) {
        this.shell = shell;
        this.index = index;
    }

    /** What may replace the code before {@code at}: JShell's suggestions (those of the expected type first), then package names. */
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        var suggestions = shell.get().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        List<String> options = new ArrayList<>(suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList());
        int start = anchor[0];
        // Package names (JShell's own index for them is off): "import java.util.con" -> concurrent.
        var packages = index.packages().complete(code, at);
        if (!packages.names().isEmpty() && (options.isEmpty() || packages.start() == start)) {
            start = packages.start();
            for (String name : packages.names()) {
                if (!options.contains(name)) options.add(name);
            }
        }
        return new ReplacementOptions(options, start, at);
    }

    /** The signature and Javadoc of what is under the cursor, or null when there is nothing to show. */
    public DisplayData inspect(String code, int at) {
        var sca = shell.get().sourceCodeAnalysis();
        var docs = sca.documentation(code, at, true);
        if (docs.isEmpty() && at > 0 && at <= code.length() && Character.isJavaIdentifierPart(code.charAt(at - 1))) {
            // The cursor at the end of a method name ("Math.abs|"): JShell documents calls, so ask as for "Math.abs(|".
            docs = sca.documentation(code.substring(0, at) + "(" + code.substring(at), at + 1, true);
        }
        if (docs.isEmpty()) return null;
        StringBuilder text = new StringBuilder();
        for (var doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null) text.append(doc.javadoc()).append('\n');
        }
        return new DisplayData(text.toString());
    }

    /** The protocol's answer to {@code is_complete_request}: complete, invalid, or the indent of the next line. */
    public String isComplete(String code) {
        var sca = shell.get().sourceCodeAnalysis();
        var info = sca.analyzeCompletion(code);
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI -> {
                // Complete is not the same as valid: "int 1x = 3;" ends fine but does not parse.
                boolean erroneous = sca.sourceToSnippets(info.source()).stream().anyMatch(sn -> sn.kind() == Snippet.Kind.ERRONEOUS);
                if (erroneous) yield BaseKernel.IS_COMPLETE_BAD;
                yield info.remaining().isBlank() ? BaseKernel.IS_COMPLETE_YES : isComplete(info.remaining());
            }
            case EMPTY -> BaseKernel.IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> BaseKernel.IS_COMPLETE_BAD;
        };
    }
}
