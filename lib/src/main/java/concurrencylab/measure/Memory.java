package concurrencylab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's memory as the operating system sees it: resident set size, which counts thread stacks
 * and native memory that the Java heap figures leave out.
 *
 * <pre>{@code
 * long before = Memory.residentBytes();
 * // start 10,000 threads...
 * Memory.megabytes(Memory.residentBytes() - before);    // e.g. 95.3
 * }</pre>
 */
public final class Memory {
    private Memory() {}

    /** Resident set size in bytes (Linux {@code /proc/self/status} VmRSS); heap in use elsewhere. */
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
