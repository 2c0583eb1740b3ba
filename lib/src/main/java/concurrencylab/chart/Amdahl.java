package concurrencylab.chart;

/**
 * Amdahl's law with a serial fraction {@code s}: speed-up on {@code p}-fold parallel capacity is
 * {@code 1 / (s + (1 - s) / p)}. The part {@code 1 - s} runs {@code p} times faster, the part {@code s}
 * not at all.
 *
 * <p>What {@code p} is decides what a fitted {@code s} means. Against the worker count (the textbook
 * form), {@code s} takes in everything that stops the speed-up growing, a floor of the machine's
 * throughput too: CPU work on 2 cores stops at 2x from 2 to 16 workers, and the fit over 1, 2, 4, 8
 * and 16 workers calls 42% of it "serial" although no part of the work is serial. Against a workload's
 * ideal speed-up (which holds that floor, as {@link Charts#speedUp} fits it), {@code s} is only the
 * shortfall beyond the ideal: the fraction of the time that behaved as if it could not run in parallel.
 *
 * <pre>{@code
 * Amdahl.speedUp(0.1, 4);                                          // 3.08
 * Amdahl.fitSerialFraction(new double[]{1, 2, 4}, new double[]{1, 1.8, 3.0});   // about 0.09
 * }</pre>
 */
public final class Amdahl {
    private Amdahl() {}

    /** Speed-up with serial fraction {@code serial} when the rest runs {@code parallel} times faster. */
    public static double speedUp(double serial, double parallel) {
        return 1 / (serial + (1 - serial) / parallel);
    }

    /**
     * The serial fraction in [0, 1] whose speed-ups fit {@code measured} best (least squares), where
     * {@code parallel[i]} is how much faster the parallel part runs at point {@code i}.
     */
    public static double fitSerialFraction(double[] parallel, double[] measured) {
        double best = 0;
        double bestError = Double.MAX_VALUE;
        for (int i = 0; i <= 1000; i++) { // a fine grid: one parameter, no need for an optimizer
            double s = i / 1000.0;
            double error = 0;
            for (int j = 0; j < parallel.length; j++) {
                double d = speedUp(s, parallel[j]) - measured[j];
                error += d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = s;
            }
        }
        return best;
    }
}
