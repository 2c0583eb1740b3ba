package concurrencylab.spi;

/**
 * Where live progress goes when the library runs inside a notebook: the Concurrency Lab kernel
 * provides one, so a long measurement shows a line per run that updates in place. Outside a notebook
 * there is none ({@link KernelServices#liveDisplay()} is null) and progress is printed.
 *
 * <pre>{@code
 * LiveDisplay display = KernelServices.liveDisplay();
 * String id = display.show("starting...");
 * display.update(id, "run 1/3: 2.01 s");
 * }</pre>
 */
public interface LiveDisplay {

    /** Shows {@code value} and returns an id for updating it. */
    String show(Object value);

    /** Replaces what {@code id} shows with {@code value}. */
    void update(String id, Object value);
}
