package concurrencylab.workload;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** Calibrated CPU tasks take the CPU time asked for, also when other threads crowd the cores. */
class CpuBoundTest {

    /** CPU time of this thread running task 0, the median of 3 runs, in ms. */
    private static double cpuMillisOfOneTask(CpuBound cpu) {
        var threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[3];
        for (int i = 0; i < 3; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            cpu.runTask(0);
            ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[1];
    }

    @Test
    void calibratedOnABusyMachineATaskStillTakesItsCpuTime() throws Exception {
        assertTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported(), "this JVM measures thread CPU time");
        // Three busy threads per core: the calibration's probe shares the cores with them.
        var stop = new AtomicBoolean();
        var busy = new ArrayList<Thread>();
        for (int i = 0; i < 3 * Runtime.getRuntime().availableProcessors(); i++) {
            busy.add(Thread.ofPlatform().daemon().start(() -> {
                long x = 0;
                while (!stop.get()) x += System.nanoTime() & 1;
                if (x == 42) System.out.print("");
            }));
        }
        CpuBound cpu;
        try {
            cpu = CpuBound.calibrated(1, Duration.ofMillis(20));
        } finally {
            stop.set(true);
            for (Thread t : busy) t.join();
        }
        double ms = cpuMillisOfOneTask(cpu);
        assertTrue(ms > 12 && ms < 32, "a task calibrated to 20 ms of CPU on a crowded machine took " + ms + " ms of CPU");
    }
}
