package concurrencylab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's memory as the operating system sees it: the resident set size, the pages of the process
 * that are in RAM (the touched part of the heap and of every thread stack, the JVM's native memory,
 * the files it maps), which the Java heap figures leave out. It does not count the kernel's memory for
 * each thread (its kernel stack, its task structure) nor address space reserved but never touched
 * (most of a platform thread's 1 MB stack): notebook 14 measures each.
 *
 * <pre>{@code
 * long before = Memory.residentBytes();
 * // start 10,000 threads...
 * Memory.megabytes(Memory.residentBytes() - before);    // e.g. 95.3
 * }</pre>
 */
public final class Memory {
    private Memory() {}

    /** Resident set size in bytes (Linux {@code /proc/self/status} VmRSS); the heap in use elsewhere. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Bytes in megabytes (10^6), rounded to 0.1. */
    public static double megabytes(long bytes) {
        return Math.round(bytes / 1e5) / 10.0;
    }
}
