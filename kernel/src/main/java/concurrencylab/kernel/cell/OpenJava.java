package concurrencylab.kernel.cell;

/**
 * Whether the Java read so far, line by line, leaves something open: a text block, a block comment, or
 * a bracket. A line inside one is Java even when it starts like a magic ({@code %s} in a text block, a
 * {@code % b} continuing an expression); only a line read at the top level can be a magic.
 *
 * <pre>{@code
 * var open = new OpenJava();
 * open.read("String t = \"\"\"");
 * open.isOpen();     // true: "%time" on the next line is text
 * }</pre>
 */
final class OpenJava {
    private int depth;
    private boolean textBlock;
    private boolean blockComment;

    /** True while a text block, a block comment or a bracket is open. */
    boolean isOpen() {
        return depth > 0 || textBlock || blockComment;
    }

    /** Reads one more line of Java. */
    void read(String line) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (blockComment) {
                if (line.startsWith("*/", i)) {
                    blockComment = false;
                    i += 2;
                } else {
                    i++;
                }
            } else if (textBlock) {
                if (c == '\\') {
                    i += 2;
                } else if (line.startsWith("\"\"\"", i)) {
                    textBlock = false;
                    i += 3;
                } else {
                    i++;
                }
            } else if (line.startsWith("//", i)) {
                return;
            } else if (line.startsWith("/*", i)) {
                blockComment = true;
                i += 2;
            } else if (line.startsWith("\"\"\"", i)) {
                textBlock = true;
                i += 3;
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(line, i + 1, c);
            } else {
                if (c == '(' || c == '{' || c == '[') depth++;
                else if ((c == ')' || c == '}' || c == ']') && depth > 0) depth--;
                i++;
            }
        }
    }

    /** The index after the literal that started before {@code from}; a literal never spans lines. */
    private static int endOfLiteral(String line, int from, char quote) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') i += 2;
            else if (c == quote) return i + 1;
            else i++;
        }
        return i;
    }
}
