package concurrencylab.kernel;

import java.util.regex.Pattern;

/**
 * A cell that asks for documentation, as IPython's {@code name?}: one name, qualified or not, ended by
 * a question mark ({@code ExecutorService?}, {@code Math.max?}, {@code pool.submit?}). The kernel
 * answers with the pager, not by running the cell.
 *
 * <pre>{@code
 * HelpRequest.subject("Thread.ofVirtual?")   // "Thread.ofVirtual"
 * HelpRequest.subject("x ? 1 : 2")          // null: Java, not a question
 * }</pre>
 */
final class HelpRequest {
    private static final Pattern ASKED = Pattern.compile("\\s*([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*)\\s*\\?\\s*");

    private HelpRequest() {}

    /** The name a cell asks about, or null when the cell is code to run. */
    static String subject(String cell) {
        var m = ASKED.matcher(cell);
        return m.matches() && !m.group(1).endsWith(".") ? m.group(1) : null;
    }
}
