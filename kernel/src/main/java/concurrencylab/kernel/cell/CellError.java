package concurrencylab.kernel.cell;

import java.util.List;

/**
 * A cell that failed, in the three fields Jupyter shows: the error's name, its message, and the
 * traceback lines (the user's own cell lines first). {@link Tracebacks} makes them.
 *
 * <pre>{@code
 * catch (CellError e) { publish(new PublishError(e.ename(), e.evalue(), e.traceback())); }
 * }</pre>
 */
public final class CellError extends Exception {
    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** The error's name: {@code CompilationError}, {@code Interrupted}, an exception's class name. */
    public String ename() {
        return ename;
    }

    /** Its message, one line. */
    public String evalue() {
        return evalue;
    }

    /** The lines the frontend shows under it. */
    public List<String> traceback() {
        return traceback;
    }
}
