package concurrencylab.spi;

/**
 * What the Concurrency Lab kernel provides to the library, installed once as the kernel starts: the
 * cells' classes for worker JVMs ({@link ClassSource}) and a display that updates in place
 * ({@link LiveDisplay}). Outside the kernel (a test, a plain {@code main}) nothing is installed, each
 * getter returns null, and the library does without: only classes on the class path reach workers,
 * progress is printed.
 *
 * <pre>{@code
 * KernelServices.install(cellClasses, cellDisplay);   // the kernel, at its start
 * LiveDisplay display = KernelServices.liveDisplay(); // the library; null outside a notebook
 * }</pre>
 */
public final class KernelServices {
    private static volatile ClassSource classSource;
    private static volatile LiveDisplay liveDisplay;

    private KernelServices() {}

    /** Installs what the library uses from now on (the kernel calls this as it starts). */
    public static void install(ClassSource classes, LiveDisplay display) {
        classSource = classes;
        liveDisplay = display;
    }

    /** The cells' classes and variables for worker JVMs, or null outside the kernel. */
    public static ClassSource classSource() {
        return classSource;
    }

    /** The notebook's display for progress, or null outside the kernel. */
    public static LiveDisplay liveDisplay() {
        return liveDisplay;
    }
}
