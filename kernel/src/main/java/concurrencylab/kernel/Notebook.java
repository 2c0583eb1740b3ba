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

    private static volatile CellDisplay cellDisplay;

    /** The kernel connects its display as it starts. */
    static void connect(CellDisplay display) {
        cellDisplay = display;
    }

    /** Shows {@code value} in the cell now (a chart as an image, a table as HTML) and returns its display id. */
    public static String display(Object value) {
        return cellDisplay().show(value);
    }

    /** Replaces the output shown under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        cellDisplay().update(displayId, value);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        cellDisplay().clearOutput(wait);
    }

    private static CellDisplay cellDisplay() {
        CellDisplay d = cellDisplay;
        if (d == null) throw new IllegalStateException("display() works only in a notebook run by the Concurrency Lab kernel");
        return d;
    }
}
