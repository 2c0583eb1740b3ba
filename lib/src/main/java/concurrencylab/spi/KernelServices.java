package concurrencylab.spi;

/**
 * What the Concurrency Lab kernel provides to the library, installed once as the kernel starts: the
 * cells' classes for worker JVMs ({@link ClassSource}), a display that updates in place
 * ({@link LiveDisplay}) and the comms and callbacks of widgets ({@link WidgetHost}). Outside the
 * kernel (a test, a plain {@code main}) nothing is installed, each getter returns null, and the library
 * does without: only classes on the class path reach workers, progress is printed, widgets keep their
 * state in memory.
 *
 * <pre>{@code
 * KernelServices.install(cellClasses, cellDisplay);   // the kernel, at its start
 * LiveDisplay display = KernelServices.liveDisplay(); // the library; null outside a notebook
 * }</pre>
 */
public final class KernelServices {
    private static volatile ClassSource classSource;
    private static volatile LiveDisplay liveDisplay;
    private static volatile WidgetHost widgetHost;

    private KernelServices() {}

    /** Installs what the library uses from now on (the kernel calls this as it starts). */
    public static void install(ClassSource classes, LiveDisplay display) {
        classSource = classes;
        liveDisplay = display;
    }

    /** Installs the kernel's side of Jupyter widgets (the kernel calls this as it starts). */
    public static void installWidgetHost(WidgetHost host) {
        widgetHost = host;
    }

    /** The kernel's comms and callback runner for widgets, or null outside the kernel. */
    public static WidgetHost widgetHost() {
        return widgetHost;
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
