package concurrencylab.kernel;

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

    /** Shows {@code value} in the cell now (a chart as an image, a table as HTML) and returns its display id. */
    public static String display(Object value) {
        return JavaKernel.current().displayNow(value, null);
    }

    /** Replaces the output shown under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        JavaKernel.current().displayNow(value, displayId);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        JavaKernel.current().clearOutput(wait);
    }
}
