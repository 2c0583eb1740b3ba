package concurrencylab.kernel;

import concurrencylab.kernel.display.CellDisplay;

/**
 * What a notebook cell can call without an import: the kernel imports these statically at start. They
 * are IJava's display API (its {@code runtime.Display}), so a notebook written for IJava or JJava
 * runs here unchanged, plus {@code clearOutput}.
 *
 * <pre>{@code
 * String id = display(Charts.wallTimes(results));       // show a chart now, in this cell
 * updateDisplay(id, Charts.wallTimes(moreResults));      // replace it in place
 * display("<b>bold</b>", "text/html");                  // a string shown as HTML, not as text
 * render("# Title", "text/markdown")                     // as a cell's last line: its result as markdown
 * }</pre>
 */
public final class Notebook {
    private Notebook() {}

    // Only method bodies name the kernel's classes: javac completes this class's signatures for every
    // cell (the static import), and kernel types there would have it read their class files each time.
    // So render returns Object where IJava's returns its DisplayData: a cell that ends with it, or
    // passes it to display, shows the same.

    /** Shows {@code value} in the cell now (a chart as an image, a table as HTML) and returns its display id. */
    public static String display(Object value) {
        return CellDisplay.forCells().show(value);
    }

    /**
     * Shows {@code value} as the given MIME types ({@code "text/html"}, {@code "text/markdown"},
     * {@code "image/svg+xml"}...), with text/plain always; a type the value cannot be rendered as is left
     * out, as in IJava. Returns its display id.
     */
    public static String display(Object value, String... mimeTypes) {
        return CellDisplay.forCells().show(value, mimeTypes);
    }

    /** {@code value} rendered as the kernel shows it, without showing it: a cell that ends with it shows it. */
    public static Object render(Object value) {
        return CellDisplay.forCells().render(value);
    }

    /** {@code value} rendered as the given MIME types (and text/plain), without showing it. */
    public static Object render(Object value, String... mimeTypes) {
        return CellDisplay.forCells().render(value, mimeTypes);
    }

    /** Replaces the output shown under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        CellDisplay.forCells().update(displayId, value);
    }

    /** Replaces the output shown under {@code displayId} with {@code value} rendered as the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        CellDisplay.forCells().update(displayId, value, mimeTypes);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        CellDisplay.forCells().clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        CellDisplay.forCells().clearOutput(wait);
    }
}
