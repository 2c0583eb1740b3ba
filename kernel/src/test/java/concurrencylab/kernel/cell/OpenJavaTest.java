package concurrencylab.kernel.cell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class OpenJavaTest {
    private static boolean openAfter(String... lines) {
        var open = new OpenJava();
        for (String line : lines) open.read(line);
        return open.isOpen();
    }

    @Test
    void aTextBlockACommentOrABracketStaysOpenUntilClosed() {
        assertTrue(openAfter("String t = \"\"\""));
        assertFalse(openAfter("String t = \"\"\"", "%s", "\"\"\";"));
        assertTrue(openAfter("String t = \"\"\"", "a \\\"\"\" still text"), "an escaped quote does not end it");
        assertTrue(openAfter("/* a comment"));
        assertFalse(openAfter("/* a comment", "%time */ int x;"));
        assertTrue(openAfter("int f() {"));
        assertFalse(openAfter("int f() {", "  return 1;", "}"));
        assertTrue(openAfter("int r = Math.max(a,"));
    }

    @Test
    void bracketsInsideStringsCharsAndLineCommentsDoNotCount() {
        assertFalse(openAfter("String s = \"({[\";"));
        assertFalse(openAfter("char c = '{';"));
        assertFalse(openAfter("char q = '\\'';"));
        assertFalse(openAfter("int x = 1; // {"));
        assertFalse(openAfter("String s = \"\\\"{\";"));
        assertFalse(openAfter("String e = \"\";", "int y = 2;"));
    }

    @Test
    void closingMoreThanWasOpenedDoesNotGoBelowTheTopLevel() {
        assertFalse(openAfter("}", "int x;"));
        assertTrue(openAfter("}", "void f() {"));
    }
}
