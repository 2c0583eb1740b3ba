package concurrencylab.kernel.magic;

import concurrencylab.kernel.threads.ThreadCensus;

import java.time.Duration;

/**
 * What magics need from the kernel while they run in a cell: the class path, the cell time limit,
 * evaluation in the running cell, a display, the clock of the cell code's run time, and the notebook's threads.
 *
 * <pre>{@code
 * Object value = context.evalInCell("Math.sqrt(2.0)");   // as if typed in the cell
 * }</pre>
 */
public interface MagicContext {
    /** Adds a jar or directory to the class path of the cells, and of the worker JVMs they start. */
    void addToClasspath(String path);

    /** Sets the cell time limit ({@code null}: none) and returns the sentence that says so. */
    String setCellTimeLimit(Duration limit);

    /** Evaluates Java code as part of the running cell and returns its value, or {@link Magic#NO_VALUE}. */
    Object evalInCell(String code) throws Exception;

    /**
     * Runs {@code code} (Java and magic lines, as a cell's text) as part of the running cell, for
     * {@code %load}; errors and stack frames name its lines {@code source line N}, not the cell's.
     * Returns the value of its last snippet, or {@link Magic#NO_VALUE}.
     */
    Object runLoaded(String code, String source) throws Exception;

    /** True when {@code code} is one expression with a value (not a statement or declaration). */
    boolean isExpression(String code);

    /** Shows markdown (with a plain-text fallback) in the cell. */
    void displayMarkdown(String markdown, String plain);

    /** Shows {@code value} in the cell now, rendered as a cell's result would be. */
    void display(Object value);

    /**
     * Wall, CPU and JIT-compiler CPU nanoseconds spent running cell code so far (JShell's compiling
     * excluded); the CPU figures grow only while a {@link #countingCpu()} handle is open.
     */
    long[] executionClock();

    /** Counts CPU time in {@link #executionClock()} until the handle is closed. */
    AutoCloseable countingCpu();

    /** The notebook's threads, as {@code %threads} shows them, and how frames of cell code are named. */
    ThreadCensus threads();
}
