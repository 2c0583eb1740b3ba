package concurrencylab.kernel.exec;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * The kernel's heap, as a cell sees it: capped (the kernelspec's {@code -Xmx}, which {@code ./lab} sets
 * from {@code LAB_KERNEL_HEAP}), with a reserve the kernel lets go when a cell runs out of memory. A
 * variable may still hold what the cell filled the heap with; the reserve leaves room to compile the
 * cell that sets it to null. It is taken again once there is room.
 *
 * <pre>{@code
 * heap.ranOut();                        // an OutOfMemoryError ended the cell
 * KernelHeap.advice();                  // "the kernel's heap is capped at 1 GB: ..."
 * heap.restoreReserve();                // before the next cell, if the heap has room again
 * }</pre>
 */
public final class KernelHeap {
    /** The launcher's variable for the cap, named in the advice. */
    public static final String VARIABLE = "LAB_KERNEL_HEAP";
    private static final int RESERVE_BYTES = 8 << 20;

    private volatile byte[] reserve = new byte[RESERVE_BYTES];

    /** A cell ran out of memory: the reserve goes, so the kernel can compile and run the next cell. */
    public void ranOut() {
        reserve = null;
    }

    /** Takes the reserve again when the heap has room for it four times over. */
    public void restoreReserve() {
        if (reserve != null) return;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (free < 4L * RESERVE_BYTES) return;
        try {
            reserve = new byte[RESERVE_BYTES];
        } catch (OutOfMemoryError e) {
            // not yet: the next cell tries again
        }
    }

    /** True for an {@link OutOfMemoryError} message that means the heap is full (not threads, not metaspace). */
    public static boolean isHeapFull(String message) {
        return message != null && (message.startsWith("Java heap space") || message.startsWith("GC overhead limit exceeded"));
    }

    /** What a user whose cell filled the heap can do, in one line. */
    public static String advice() {
        long cap = cap();
        return "the cell ran out of memory: the kernel's heap is capped at " + size(cap)
                + "; set variables that hold large data to null, or raise the cap: " + VARIABLE + "=" + doubled(cap)
                + " ./lab (README: Troubleshooting, Memory)";
    }

    /** The cap in bytes: the JVM's MaxHeapSize ({@code -Xmx}). */
    static long cap() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    static String size(long bytes) {
        if (bytes % (1L << 30) == 0) return (bytes >> 30) + " GB";
        return Math.round(bytes / (double) (1 << 20)) + " MB";
    }

    /** Twice the cap, as the launcher's variable takes it: {@code 2g}, {@code 1536m}. */
    static String doubled(long cap) {
        long twice = 2 * cap;
        return twice % (1L << 30) == 0 ? (twice >> 30) + "g" : Math.round(twice / (double) (1 << 20)) + "m";
    }
}
