package concurrencylab.kernel.exec;

/**
 * What cell code calls instead of the JVM's exit methods: {@link CellCode} rewrites those calls in
 * every class a cell compiles. Public because the rewritten cell classes call it.
 */
public final class ExitGuard {
    private ExitGuard() {}

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new ExitNotAllowedException("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitNotAllowedException("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitNotAllowedException("Runtime.halt", status);
    }
}
