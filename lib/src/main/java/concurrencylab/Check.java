package concurrencylab;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks that fail at once with a one-line message naming the parameter, its value and
 * the allowed range, so that a wrong value typed into a notebook's parameters cell says what to fix.
 *
 * <pre>{@code
 * int tasks = Check.atLeast("tasks", 0, 1);   // IllegalArgumentException: tasks must be at least 1, got 0
 * }</pre>
 */
public final class Check {
    private Check() {}

    /** Returns {@code value} when it is at least {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** Returns {@code value} when it is not null. */
    public static <T> T notNull(String name, T value) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /** Returns {@code value} when it is neither null nor negative. */
    public static Duration notNegative(String name, Duration value) {
        notNull(name, value);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
        return value;
    }
}
