package concurrencylab.kernel.cell;

import concurrencylab.kernel.exec.CellValue;
import jdk.jshell.Snippet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the cell runner makes of one snippet of a cell before JShell sees it. JShell compiles a
 * declaration of an explicit type in two javac passes; an expression as written costs it a third (to
 * type a {@code $N} temporary), a statement a trial compile (to find unreachable code). So a displayed
 * expression and a statement each run as a declaration ({@link CellValue}), and the rest (the user's
 * own declarations, imports, a {@code return}) as written.
 *
 * <p>Which it is, is a guess from the text: the runner tries the rewritings {@link #tries} lists, in
 * order, and the first that compiles runs; none compiles (a void call is no value, a declaration is no
 * statement), and the snippet runs as written, with its own diagnostics. A declaration is never tried
 * as a statement: it would become local to the statement's block.
 *
 * <pre>{@code
 * SnippetKind.tries("1 + 1", true);         // [DISPLAYED_EXPRESSION, AS_WRITTEN]
 * SnippetKind.tries("list.add(4)", true);   // [DISPLAYED_EXPRESSION, STATEMENT, AS_WRITTEN]: a call may be void
 * SnippetKind.tries("int x = 1;", false);   // [AS_WRITTEN]
 * }</pre>
 */
enum SnippetKind {
    /** An expression whose value the cell shows, run as {@code Object $$valueN = (EXPR);}. */
    DISPLAYED_EXPRESSION,
    /** A statement (a loop, a call, an assignment), run as the block of a switch expression in a declaration. */
    STATEMENT,
    /** Declarations, imports and whatever is neither of the above: as written. */
    AS_WRITTEN;

    /** Starts that no expression has: a keyword, an annotation, or a type followed by a variable name. */
    private static final Pattern NOT_EXPRESSION_START = Pattern.compile(
            "^(import|package|class|interface|enum|record|void|public|protected|private|static|final|abstract|sealed|"
                    + "non-sealed|for|while|do|if|try|switch|synchronized|return|throw|var|assert)\\b|^@|^[\\w.]+(<.*>)?(\\[])*\\s+\\w+\\s*(=|;|$)",
            Pattern.DOTALL);

    /**
     * Snippets that are statements for certain, never declarations: a statement keyword, or a name (a.b.c)
     * followed by a call or an assignment, or new, ++ and --. A declaration names a type and then a variable
     * (or starts with a modifier, an annotation, a generic or array type), so it never matches.
     */
    private static final Pattern STATEMENT_START = Pattern.compile(
            "^(?:(?:for|while|do|if|try|synchronized|switch)\\b|new\\s|\\+\\+|--"
                    + "|[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*\\s*(?:\\(|\\+\\+|--|(?:[-+*/%&|^]|<<|>>>?)?=(?!=)))");

    /**
     * The kinds to try {@code snippet} as, in order, ending with {@link #AS_WRITTEN}; {@code shown} when
     * the cell shows its value (no trailing {@code ;}).
     */
    static List<SnippetKind> tries(String snippet, boolean shown) {
        List<SnippetKind> kinds = new ArrayList<>(3);
        String s = snippet.strip();
        // A cheap look first, so that declarations and statements don't pay for a failed wrapped compile.
        if (shown && !s.endsWith("}") && !NOT_EXPRESSION_START.matcher(s).find()) kinds.add(DISPLAYED_EXPRESSION);
        if (STATEMENT_START.matcher(snippet).find()) kinds.add(STATEMENT);
        kinds.add(AS_WRITTEN);
        return kinds;
    }

    /** The source JShell runs for {@code snippet} as this kind; {@code serial} numbers the declarations. */
    String source(String snippet, int serial) {
        return switch (this) {
            case DISPLAYED_EXPRESSION -> CellValue.declaration(snippet, serial);
            case STATEMENT -> CellValue.statement(snippet, serial);
            case AS_WRITTEN -> snippet;
        };
    }

    /** True for a snippet JShell analysed as an expression with a value: the cell shows it. */
    static boolean hasValue(Snippet s) {
        return switch (s.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }
}
