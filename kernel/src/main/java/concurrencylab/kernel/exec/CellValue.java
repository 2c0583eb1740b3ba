package concurrencylab.kernel.exec;

/**
 * Receives the value of a cell's displayed expression. The kernel evaluates {@code EXPR} as the
 * statement {@code { CellValue.set(EXPR); }}: JShell then skips typing a {@code $N} variable for it,
 * which cuts a trivial cell from about 30 ms to a few. Public because cell code calls it.
 */
public final class CellValue {
    private CellValue() {}

    /** The statement that evaluates {@code expression} and hands its value to {@link #take}. */
    public static String sinkStatement(String expression) {
        return "{ " + CellValue.class.getName() + ".set(" + expression + "\n); }";
    }

    private static final Object NONE = new Object();
    private static volatile Object value = NONE;

    /** Called by the wrapped expression, on the cell's thread. */
    public static void set(Object v) {
        value = v;
    }

    /** The value set since the last call, or {@code fallback} when none was. */
    public static Object take(Object fallback) {
        Object v = value;
        value = NONE;
        return v == NONE ? fallback : v;
    }
}
