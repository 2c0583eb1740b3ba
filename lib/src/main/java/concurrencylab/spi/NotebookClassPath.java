package concurrencylab.spi;

import java.io.File;
import java.util.List;

/**
 * The class path notebook code runs with, which child JVMs (worker pools, a Spark cluster) get too:
 * the system property {@value #PROPERTY}, set by the kernelspec to the library and its dependencies
 * (not the kernel's own jars), and extended by the kernel with the jars of {@code %jars} and
 * {@code %maven}. Outside the kernel it is this JVM's class path.
 *
 * <pre>{@code
 * String classPath = NotebookClassPath.get();   // for a child JVM's -cp
 * NotebookClassPath.add("/home/me/.m2/.../commons-text-1.12.0.jar");   // the kernel, for %maven
 * }</pre>
 */
public final class NotebookClassPath {
    /** The system property that holds it. */
    public static final String PROPERTY = "concurrencylab.notebook.classpath";

    private NotebookClassPath() {}

    /** The notebook's class path, else this JVM's. */
    public static String get() {
        return System.getProperty(PROPERTY, System.getProperty("java.class.path"));
    }

    /** Appends {@code entry} (a jar or a directory) unless it is there already. */
    public static synchronized void add(String entry) {
        String now = get();
        if (!List.of(now.split(File.pathSeparator)).contains(entry)) {
            System.setProperty(PROPERTY, now + File.pathSeparator + entry);
        }
    }
}
