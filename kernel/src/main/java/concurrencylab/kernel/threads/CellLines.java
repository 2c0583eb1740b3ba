package concurrencylab.kernel.threads;

/**
 * Names a frame of cell code the way the kernel's tracebacks do: {@code transfer (cell [3] line 2)}, or
 * {@code cell [5] line 4} for a cell's top level and its lambdas. The frames of a live thread (from a
 * thread dump, a JFR event) name JShell's generated classes and lines; the cell runner knows which cell
 * line each is ({@code cell.Tracebacks}).
 *
 * <pre>{@code
 * CellLines lines = runner.cellLines();
 * lines.name(frame);   // "cell [5] line 4", or null for a frame of the JDK or the library
 * }</pre>
 */
@FunctionalInterface
public interface CellLines {

    /** The frame in cell lines, or null when it is not a frame of cell code. */
    String name(StackTraceElement frame);

    /** Names no frame: for a census outside a kernel. */
    CellLines NONE = frame -> null;
}
