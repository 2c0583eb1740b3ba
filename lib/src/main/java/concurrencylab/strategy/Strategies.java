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

    /** One virtual thread per task. */
    public static VirtualThreads virtualThreads() {
        return new VirtualThreads();
    }
}
