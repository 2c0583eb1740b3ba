package concurrencylab.kernel.exec;

/**
 * How the kernel evaluates a cell's displayed expression: as the declaration {@code Object $$valueN =
 * (EXPR);}, dropped again at once (a statement likewise: {@link #statement}). JShell compiles a
 * declaration of an explicit type in two javac passes; an expression costs it a third (to type a
 * {@code $N} temporary) and a statement a trial compile (to find unreachable code). Each value gets a
 * variable of its own: redefining one variable with other code made every cell slower than the
 * statement. The value comes back as the result of JShell's invocation, and {@link
 * CellExecutionControl} then clears the variable, so it neither keeps the value alive nor ships it to
 * worker JVMs with the cells' variables.
 *
 * <pre>{@code
 * var event = jshell.eval(CellValue.declaration("1 + 1", 7)).getFirst();
 * Object two = control.takeValue(event.value(), null);
 * jshell.drop(event.snippet());
 * }</pre>
 */
public final class CellValue {
    private CellValue() {}

    /** The prefix of the variables displayed values pass through (each cleared as soon as it is set). */
    public static final String VARIABLE = "$$value";

    /** The declaration that evaluates {@code expression}; the newline ends a trailing line comment. */
    public static String declaration(String expression, int serial) {
        return "Object " + VARIABLE + serial + " = (" + expression + "\n);";
    }

    /**
     * The declaration that runs {@code statement} (a loop, a call; not a declaration, which would become
     * local to the block) as a block of a switch expression: two javac passes, where JShell takes three
     * for a statement and four for an expression statement. The added ';' ends an expression statement
     * written without one and is an empty statement otherwise.
     */
    public static String statement(String statement, int serial) {
        return "Object " + VARIABLE + serial + " = switch (0) { default -> { " + statement + "\n; yield null; } };";
    }
}
