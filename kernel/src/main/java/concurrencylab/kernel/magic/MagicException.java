package concurrencylab.kernel.magic;

/**
 * A magic that cannot run; its message is the one line the user sees, so it carries no stack trace.
 *
 * <pre>{@code
 * throw new MagicException("%source: no library class 'Chart'; %source shows the library's classes");
 * }</pre>
 */
public final class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message, null, false, false);
    }
}
