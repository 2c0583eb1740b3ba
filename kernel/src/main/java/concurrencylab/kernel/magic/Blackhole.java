package concurrencylab.kernel.magic;

/** Where {@code %timeit} stores each result, so the JIT cannot drop the expression being timed. */
public final class Blackhole {
    private Blackhole() {}

    /** Written by every timed call; never read. */
    public static volatile Object sink;
}
