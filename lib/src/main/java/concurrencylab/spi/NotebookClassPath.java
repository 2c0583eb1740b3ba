package concurrencylab.spi;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path notebook code runs with, which child JVMs (worker pools, a Spark cluster) get too:
 * the system property {@value #PROPERTY}, set by the kernelspec to the library and its dependencies
 * (not the kernel's own jars), and extended by the kernel with the jars of {@code %jars} and
 * {@code %maven}. Outside the kernel it is this JVM's class path and the jars the library was loaded
 * from: another kernel (IJava, JJava) adds the jars of its {@code %jars} to a class loader of its own,
 * not to this JVM's class path, and a child JVM needs the library's jar to start.
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

    /** The notebook's class path, else this JVM's with the jars the library came from. */
    public static String get() {
        String set = System.getProperty(PROPERTY);
        return set != null ? set : outsideTheKernel();
    }

    /** Appends {@code entry} (a jar or a directory) unless it is there already. */
    public static synchronized void add(String entry) {
        String now = get();
        if (!List.of(now.split(File.pathSeparator)).contains(entry)) {
            System.setProperty(PROPERTY, now + File.pathSeparator + entry);
        }
    }

    private static String outsideTheKernel() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        // The loaders that found the library: another kernel's, holding what its %jars added (JShell's is a URLClassLoader).
        for (ClassLoader loader = NotebookClassPath.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) addFile(entries, url);
            }
        }
        CodeSource library = NotebookClassPath.class.getProtectionDomain().getCodeSource();
        if (library != null) addFile(entries, library.getLocation());
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    private static void addFile(Set<String> entries, URL url) {
        if (url == null || !"file".equals(url.getProtocol())) return;
        try {
            entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file the child JVM could use
        }
    }
}
