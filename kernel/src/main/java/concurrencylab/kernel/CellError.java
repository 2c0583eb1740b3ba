package concurrencylab.kernel;

import java.util.List;

/**
 * A cell that failed, in the three fields Jupyter shows: the error's name, its message, and the
 * traceback lines (the user's own cell lines first).
 */
final class CellError extends Exception {
    final String ename;
    final String evalue;
    final List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }
}
