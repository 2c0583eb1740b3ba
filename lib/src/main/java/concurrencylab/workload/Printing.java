package concurrencylab.workload;

import concurrencylab.Check;

import java.time.Duration;

/**
 * Another workload whose tasks also say where they run: a line when each starts and ends, with the
 * process id and thread, as seed 002's {@code print_numbers} does. Useful to see which worker (or
 * worker JVM) ran what.
 *
 * <pre>{@code
 * var work = Workloads.printing(Workloads.simulatedIo(4, Duration.ofMillis(200)));
 * // task 0 starts in process 4242 on pool-worker-1
 * }</pre>
 *
 * @param inner the workload that does the work
 */
public record Printing(Workload inner) implements Workload {

    public Printing {
        Check.notNull("inner", inner);
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public int tasks() {
        return inner.tasks();
    }

    @Override
    public Object runTask(int index) throws Exception {
        String where = "process " + ProcessHandle.current().pid() + " on " + Thread.currentThread().getName();
        System.out.println("task " + index + " starts in " + where);
        Object result = inner.runTask(index);
        System.out.println("task " + index + " done in " + where);
        return result;
    }

    @Override
    public Duration idealTime(int workers, int cores) {
        return inner.idealTime(workers, cores);
    }

    @Override
    public void close() {
        inner.close();
    }
}
