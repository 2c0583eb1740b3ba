package concurrencylab.kernel.exec;

/**
 * Thrown in place of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} called from a
 * notebook cell: exiting would end the kernel and every variable the class has built up.
 */
public final class ExitNotAllowedException extends RuntimeException {
    public ExitNotAllowedException(String call, int status) {
        super(call + "(" + status + ") is not allowed in a notebook: it would stop the kernel and lose every"
                + " variable. End the cell normally or throw an exception instead.", null, false, false);
    }
}
