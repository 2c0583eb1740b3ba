package concurrencylab.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * This JVM's owner-only directory for sockets, shared memory and other scratch files: under {@code /dev/shm}
 * (memory, not disk) when present, else the temporary directory. Created on first use with mode
 * 0700, removed when the JVM exits; directories left by JVMs that were killed are removed when the
 * next one starts. The process primitives keep their sockets and shared memory here, a Spark cluster
 * its home, the kernel the cells' class files.
 *
 * <pre>{@code
 * Path home = PrivateDir.newDirectory("spark-home");   // /dev/shm/concurrency-lab-4242-.../spark-home-3
 * PrivateDir.delete(home);                            // when done; at exit it goes anyway
 * }</pre>
 */
public final class PrivateDir {
    private static final String PREFIX = "concurrency-lab-";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile Path dir;

    private PrivateDir() {}

    /** A fresh, empty subdirectory {@code kind-N} of this JVM's private directory. */
    public static Path newDirectory(String kind) {
        try {
            return Files.createDirectory(newPath(kind, ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + get() + ": " + e.getMessage(), e);
        }
    }

    /** A fresh path in the directory, {@code kind-N.suffix}; nothing is created there yet. */
    public static Path newPath(String kind, String suffix) {
        return get().resolve(kind + "-" + NEXT.incrementAndGet() + suffix);
    }

    /** The directory, created on first use (and again if something removed it). */
    public static synchronized Path get() {
        if (dir != null && Files.isDirectory(dir)) return dir;
        Path base = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
                ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        removeLeftovers(base);
        try {
            dir = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory in " + base + ": " + e.getMessage(), e);
        }
        Path created = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created), "remove " + created));
        return dir;
    }

    /** Deletes a file of this directory quietly (a child may have removed it first). */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the directory goes at exit anyway
        }
    }

    /** Directories of JVMs that no longer run (killed with SIGKILL, say). */
    private static void removeLeftovers(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().substring(PREFIX.length()).split("-", 2);
                try {
                    long pid = Long.parseLong(parts[0]);
                    if (ProcessHandle.of(pid).isEmpty() && Files.isWritable(entry)) delete(entry);
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        } catch (IOException | SecurityException e) {
            // leftovers are harmless; try again next time
        }
    }

    /** Deletes {@code root} and everything under it, quietly (symbolic links, not their targets). */
    public static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(PrivateDir::deleteQuietly);
        } catch (IOException e) {
            // gone already
        }
    }
}
