package concurrencylab.kernel.cell;

/**
 * Hands a widget callback's exception to JShell so it reads its frames as it reads a cell's: the
 * runner evaluates {@code CallbackFailure.rethrow();} and JShell maps the frames of cell code to
 * snippets and their lines, which {@link Tracebacks} then names in cell lines. Public because that
 * snippet calls it; it lives on the notebook class path with the rest of the kernel's jar.
 */
public final class CallbackFailure {
    private static volatile Throwable pending;

    private CallbackFailure() {}

    static void hold(Throwable failure) {
        pending = failure;
    }

    /** Throws the failure held, once. */
    public static void rethrow() throws Throwable {
        Throwable t = pending;
        pending = null;
        if (t != null) throw t;
    }
}
