package concurrencylab.chart;

/**
 * Amdahl's law with a serial fraction {@code s}: speed-up on {@code p}-fold parallel capacity is
 * {@code 1 / (s + (1 - s) / p)}.
 *
 * <pre>{@code
 * Amdahl.speedUp(0.1, 4);                                          // 3.08
 * Amdahl.fitSerialFraction(new double[]{1, 2, 4}, new double[]{1, 1.8, 3.0});   // about 0.09
 * }</pre>
 */
public final class Amdahl {
    private Amdahl() {}

    /** Speed-up with serial fraction {@code serial} on {@code parallel}-fold capacity. */
    public static double speedUp(double serial, double parallel) {
        return 1 / (serial + (1 - serial) / parallel);
    }

    /** The serial fraction in [0, 1] whose speed-ups fit {@code measured} best (least squares). */
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
