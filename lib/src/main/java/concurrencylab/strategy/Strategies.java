package concurrencylab.strategy;

/**
 * Factory methods for the strategies, one readable line each.
 *
 * <pre>{@code
 * Measurement.of(work).run(Strategies.sequential(), Strategies.fixedPool(4), Strategies.virtualThreads());
 * }</pre>
 */
public final class Strategies {
    private Strategies() {}

    /** Every task in the calling thread, one after another. */
    public static Sequential sequential() {
        return new Sequential();
    }

    /** A fixed pool of {@code threads} platform threads. */
    public static FixedThreadPool fixedPool(int threads) {
        return new FixedThreadPool(threads);
    }

    /** One new platform (operating-system) thread per task. */
    public static PlatformThreads platformThreads() {
        return new PlatformThreads();
    }

    /** One virtual thread per task. */
    public static VirtualThreads virtualThreads() {
        return new VirtualThreads();
    }

    /** A ForkJoinPool of {@code parallelism} threads. */
    public static ForkJoin forkJoin(int parallelism) {
        return new ForkJoin(parallelism);
    }

    /** A parallel stream over the task indices: the common pool plus the calling thread. */
    public static ParallelStream parallelStream() {
        return new ParallelStream();
    }

    /** {@code CompletableFuture.supplyAsync} on a fixed pool of {@code threads}, joined with {@code allOf}. */
    public static CompletableFutures completableFutures(int threads) {
        return CompletableFutures.onPool(threads);
    }

    /** {@code CompletableFuture.supplyAsync} on the common pool (one thread on 2 cores). */
    public static CompletableFutures completableFuturesOnCommonPool() {
        return CompletableFutures.onCommonPool();
    }

    /** One thread running an event loop: non-blocking workloads overlap all their waits on it. */
    public static EventLoopStrategy eventLoop() {
        return new EventLoopStrategy();
    }

    /**
     * Every task a subtask of one {@code StructuredTaskScope}, on virtual threads. A preview API in
     * Java 25: the JVM must run with {@code --enable-preview} (the course's kernel does).
     *
     * @throws UnsupportedOperationException when preview features are off, saying how to turn them on
     */
    public static Strategy structuredTaskScope() {
        try {
            return (Strategy) Class.forName("concurrencylab.strategy.StructuredScope").getConstructor().newInstance();
        } catch (UnsupportedClassVersionError e) {
            throw new UnsupportedOperationException("StructuredTaskScope is a preview API in Java "
                    + Runtime.version().feature() + ": run the JVM with --enable-preview (the course's kernel does)");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the library jar lacks its StructuredScope class: rebuild with ./lab build", e);
        }
    }

    /** A pool of {@code workers} worker JVMs, one task per message. */
    public static WorkerJvms workerJvms(int workers) {
        return new WorkerJvms(workers, 1);
    }

    /** A pool of {@code workers} worker JVMs, {@code chunkSize} tasks per message. */
    public static WorkerJvms workerJvms(int workers, int chunkSize) {
        return new WorkerJvms(workers, chunkSize);
    }
}
