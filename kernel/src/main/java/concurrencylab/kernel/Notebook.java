package concurrencylab.kernel;

import concurrencylab.kernel.display.CellDisplay;

/**
 * What a notebook cell can call without an import: the kernel imports these statically at start,
 * with the same names as IJava's display API.
 *
 * <pre>{@code
 * String id = display(Charts.wallTimes(results));   // show a chart now, in this cell
 * updateDisplay(id, Charts.wallTimes(moreResults));  // replace it in place
 * }</pre>
 */
public final class Notebook {
    private Notebook() {}

    // Only method bodies name the kernel's classes: javac completes this class's signatures for every
    // cell (the static import), and kernel types there would have it read their class files each time.

    /** Shows {@code value} in the cell now (a chart as an image, a table as HTML) and returns its display id. */
    public static String display(Object value) {
        return CellDisplay.forCells().show(value);
    }

    /** Replaces the output shown under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        CellDisplay.forCells().update(displayId, value);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        CellDisplay.forCells().clearOutput(wait);
    }
}
