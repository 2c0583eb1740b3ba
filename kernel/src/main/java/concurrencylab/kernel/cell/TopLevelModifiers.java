package concurrencylab.kernel.cell;

import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JShell declares a cell's top-level variables as plain static fields of its wrapper class: a
 * {@code volatile} or {@code final} written on one is dropped without a word (JDK 25's
 * {@code jdk.jshell.Wrap}), so a flag the student made volatile is not, and a constant can be
 * reassigned. The kernel says so, in one line, instead.
 *
 * <pre>{@code
 * TopLevelModifiers.warning(snippet);  // "warning: JShell drops 'volatile' from the top-level variable stop; ..."
 * }</pre>
 */
final class TopLevelModifiers {
    private TopLevelModifiers() {}

    private static final Pattern LEADING = Pattern.compile(
            "^\\s*((?:@[\\w.]+(?:\\([^)]*\\))?\\s+|(?:public|protected|private|static|final|volatile|transient)\\s+)+)");

    /** The warning for a variable declared with {@code volatile} or {@code final}, if it was. */
    static Optional<String> warning(VarSnippet variable) {
        var m = LEADING.matcher(variable.source());
        if (!m.find()) return Optional.empty();
        List<String> dropped = new ArrayList<>();
        for (String word : m.group(1).trim().split("\\s+")) {
            if (word.equals("volatile") || word.equals("final")) dropped.add("'" + word + "'");
        }
        if (dropped.isEmpty()) return Optional.empty();
        String name = variable.name();
        return Optional.of("warning: JShell drops " + String.join(" and ", dropped) + " from the top-level variable " + name
                + " (it becomes a plain static field); to keep it, declare it in a class: class Shared { static "
                + String.join(" ", dropped).replace("'", "") + " " + variable.typeName() + " " + name + "; }");
    }
}
