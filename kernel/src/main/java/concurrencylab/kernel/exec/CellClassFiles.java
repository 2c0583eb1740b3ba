package concurrencylab.kernel.exec;

import concurrencylab.internal.PrivateDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classes cells define, written as class files to an owner-only directory, for engines that load
 * code from files: Apache Spark's driver serves the directory named by {@code spark.repl.class.outputDir}
 * to its executors, so a lambda or record typed in a cell runs on a Spark cluster. JShell keeps those
 * classes in memory only; without the files an executor fails with {@code ClassNotFoundException:
 * REPL.$JShell$14}.
 *
 * <pre>{@code
 * var files = CellClassFiles.create();          // the kernel, at start
 * files.write("REPL.$JShell$14", bytes);         // every class a cell loads
 * files.delete("REPL.$JShell$14");               // its cell was redefined
 * }</pre>
 *
 * <p>The directory lives in the library's private directory ({@code PrivateDir}): removed at exit,
 * and by the next JVM if this one was killed.
 */
public final class CellClassFiles {
    private final Path root;

    private CellClassFiles(Path root) {
        this.root = root;
    }

    /** Creates the directory and sets the Spark properties that make a driver in this JVM serve it. */
    public static CellClassFiles create() throws IOException {
        // The library's owner-only directory: removed at exit, and by the next JVM if this one was killed.
        Path root = PrivateDir.newDirectory("cells");
        // A SparkConf reads spark.* system properties: a notebook's `new SparkConf()` gets these with no code.
        System.setProperty("spark.repl.class.outputDir", root.toString());
        // Loopback only: without these Spark's driver binds to the machine's external address.
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        // Spark's web UI binds to all interfaces unless SPARK_LOCAL_IP (set by our kernelspec) says otherwise.
        if (!"127.0.0.1".equals(System.getenv("SPARK_LOCAL_IP"))) System.setProperty("spark.ui.enabled", "false");
        // Hadoop's note that it has no native library is no news to a notebook (the JDK's code is used).
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
        return new CellClassFiles(root);
    }

    /** The directory: {@code REPL/$JShell$14.class} and so on. */
    public Path root() {
        return root;
    }

    /** Writes one class; a failure loses only the Spark feature, so it is reported, not thrown. */
    public void write(String binaryName, byte[] bytes) {
        Path file = file(binaryName);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            System.err.println("cannot write " + binaryName + " for Spark executors: " + e.getMessage());
        }
    }

    /** Deletes the file of a class no cell can use any more (its cell was redefined or dropped). */
    public void delete(String binaryName) {
        try {
            Files.deleteIfExists(file(binaryName));
        } catch (IOException e) {
            // the directory goes at exit
        }
    }

    private Path file(String binaryName) {
        return root.resolve(binaryName.replace('.', '/') + ".class");
    }
}
