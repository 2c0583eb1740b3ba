package concurrencylab.process;

import concurrencylab.workload.Workload;

import java.io.Serializable;
import java.util.List;

/** What a pool and its worker JVMs say to each other over the worker's stdin and stdout. */
final class Messages {
    private Messages() {}

    /** Worker to pool, once, when it is ready for work. */
    record Ready(long pid) implements Serializable {}

    /** Pool to worker: run these tasks of {@code work}, in order. */
    record Batch(long id, Workload work, int[] indices) implements Serializable {}

    /** One task's outcome; times are epoch nanoseconds, a clock both JVMs share. */
    record Done(int index, long startEpochNanos, long endEpochNanos, Object result, Throwable error) implements Serializable {}

    /** Worker to pool: the outcomes of a batch. */
    record BatchDone(long id, List<Done> tasks) implements Serializable {}

    /** Pool to worker: finish and exit. */
    record Stop() implements Serializable {}

    static long epochNanos() {
        var now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
