package concurrencylab.kernel.magic;

import java.time.Duration;

/**
 * A cell time limit as a user writes it, in {@code %cell_timeout} and in the kernel's environment
 * ({@code LAB_CELL_TIMEOUT}): a positive number of seconds, or {@code off}; and as the kernel says it.
 *
 * <pre>{@code
 * TimeLimits.parse("2.5");                        // PT2.5S
 * TimeLimits.parse("off");                        // null: no limit
 * TimeLimits.describe(Duration.ofSeconds(30));    // "30 s"
 * }</pre>
 */
public final class TimeLimits {
    private TimeLimits() {}

    /** The limit {@code text} gives, null for {@code off}; a clear message when it is neither. */
    public static Duration parse(String text) {
        if (text.equals("off")) return null;
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0) return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive number of seconds or off");
    }

    /** {@code "30 s"}, {@code "0.5 s"}; {@code "none"} for no limit. */
    public static String describe(Duration limit) {
        if (limit == null) return "none";
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() / 1000.0 + " s";
    }
}
