package concurrencylab.kernel.cell;

import concurrencylab.kernel.magic.TimeLimits;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cell time limit: a cell that runs longer is stopped as an interrupt stops it, and its error says
 * why. There is none unless {@code LAB_CELL_TIMEOUT} (seconds) in the kernel's environment sets one;
 * {@code %cell_timeout} changes it.
 *
 * <pre>{@code
 * var limit = new CellTimeLimit(CellTimeLimit.fromEnvironment(), runner::interrupt);
 * limit.cellStarted();  ...run the cell...  limit.cellEnded();
 * if (limit.passed()) throw limit.error(count);
 * }</pre>
 */
final class CellTimeLimit {
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("cell-time-limit").factory());
    private final Runnable stop;
    private volatile Duration limit;
    private volatile boolean passed;
    private ScheduledFuture<?> timer;

    /** A limit ({@code null}: none) that calls {@code stop} when a cell runs longer. */
    CellTimeLimit(Duration limit, Runnable stop) {
        this.limit = limit;
        this.stop = stop;
    }

    /** The limit {@code LAB_CELL_TIMEOUT} sets, or none; a value that is no limit is reported, not fatal. */
    static Duration fromEnvironment() {
        String v = System.getenv("LAB_CELL_TIMEOUT");
        if (v == null || v.isBlank()) return null;
        try {
            return TimeLimits.parse(v.strip());
        } catch (IllegalArgumentException e) {
            System.err.println("LAB_CELL_TIMEOUT: " + e.getMessage() + "; no limit is set");
            return null;
        }
    }

    /** Sets the limit ({@code null}: none) and returns the sentence that says so. */
    String set(Duration limit) {
        this.limit = limit;
        return limit == null ? "No cell time limit." : "Cells running longer than " + TimeLimits.describe(limit) + " are stopped.";
    }

    /** A cell starts: the clock runs if there is a limit. Cells run one at a time. */
    void cellStarted() {
        Duration l = limit;
        passed = false;
        timer = l == null ? null : watchdog.schedule(() -> {
            passed = true;
            stop.run();
        }, l.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The cell has ended: the clock stops. */
    void cellEnded() {
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    /** True when the running (or last) cell was stopped by the limit, not by the user. */
    boolean passed() {
        return passed;
    }

    /** The error of a cell the limit stopped. */
    CellError error(int count) {
        return error(Tracebacks.cell(count), "the cell");
    }

    /** The error of a run the limit stopped: {@code where} heads the traceback, {@code what} ran ("the cell"). */
    CellError error(String where, String what) {
        String msg = what + " ran longer than the time limit of " + TimeLimits.describe(limit)
                + " and was stopped (%cell_timeout off removes the limit)";
        return new CellError("TimeLimitExceeded", msg, List.of(where + ": " + msg));
    }
}
