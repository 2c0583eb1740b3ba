package concurrencylab.spi;

import java.time.Duration;

/**
 * A widget's callback as the kernel runs it ({@link WidgetHost#schedule}): its body, where its output
 * goes, and what it hears when it starts and ends, so its controls can show that it is running.
 */
public interface WidgetCallback {

    /** How a run ended. */
    enum Ending { DONE, FAILED, INTERRUPTED, TIME_LIMIT }

    /** Where its output, its value and its error go. */
    OutputArea output();

    /** The body; its value is shown in {@link #output()}. */
    Object call() throws Exception;

    /** Just before the body runs, on the kernel's callback thread. */
    default void starting() {}

    /** After the body, its output flushed: how it ended and how long it ran. */
    default void ended(Ending ending, Duration took) {}
}
