package concurrencylab.workload;

/**
 * A child JVM's program for CPU-bound tasks, for showing worker processes in plain JDK: a notebook starts
 * it with {@link ProcessBuilder}, once per worker. It computes tasks {@code first}, {@code first + step},
 * ... below {@code tasks}, each {@code iterations} mixing steps of {@link CpuBound}, and prints one line
 * per task: its index and its result, the same number {@code CpuBound.runTask} returns for that index.
 *
 * <pre>{@code
 * java -cp concurrency-lab-lib.jar concurrencylab.workload.CpuTasksMain 8 0 2 5000000   // tasks 0, 2, 4 and 6 of 8
 * }</pre>
 */
public final class CpuTasksMain {
    private CpuTasksMain() {}

    /** Arguments: TASKS FIRST STEP ITERATIONS; a wrong one ends the JVM with status 2 and a one-line message. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: CpuTasksMain TASKS FIRST STEP ITERATIONS, got " + args.length + " arguments");
            System.exit(2);
        }
        long[] values = new long[4];
        String[] names = {"TASKS", "FIRST", "STEP", "ITERATIONS"};
        for (int i = 0; i < 4; i++) {
            try {
                values[i] = Long.parseLong(args[i]);
            } catch (NumberFormatException e) {
                values[i] = -1;
            }
            if (values[i] < (i == 1 ? 0 : 1)) {
                System.err.println("CpuTasksMain: " + names[i] + " must be a whole number of at least " + (i == 1 ? 0 : 1) + ", got '" + args[i] + "'");
                System.exit(2);
            }
        }
        for (long task = values[1]; task < values[0]; task += values[2]) {
            System.out.println(task + " " + CpuBound.mix(task, values[3]));
        }
    }
}
