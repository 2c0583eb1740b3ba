package concurrencylab.measure;

/**
 * Where live progress goes when the library runs inside a notebook: the Concurrency Lab kernel
 * installs one at start, so a long measurement shows a line per run that updates in place. Outside a
 * notebook none is installed and progress is printed.
 *
 * <pre>{@code
 * String id = LiveDisplay.current().show("starting...");
 * LiveDisplay.current().update(id, "run 1/3: 2.01 s");
 * }</pre>
 */
public interface LiveDisplay {

    /** Shows {@code value} and returns an id for updating it. */
    String show(Object value);

    /** Replaces what {@code id} shows with {@code value}. */
    void update(String id, Object value);

    /** Installs the display the library uses from now on (the kernel calls this). */
    static void install(LiveDisplay display) {
        Holder.current = display;
    }

    /** The installed display, or null outside a notebook. */
    static LiveDisplay current() {
        return Holder.current;
    }

    /** Keeps the installed display; an interface cannot hold a mutable field itself. */
    final class Holder {
        private Holder() {}

        private static volatile LiveDisplay current;
    }
}
