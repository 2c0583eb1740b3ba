package concurrencylab.process;

import java.io.Serializable;

/**
 * A function a worker JVM can run: serializable, so it (and what it captured) can travel there.
 *
 * <pre>{@code
 * RemoteFunction<Integer, Integer> square = x -> x * x;
 * pool.map(square, List.of(1, 2, 3), 1);
 * }</pre>
 */
@FunctionalInterface
public interface RemoteFunction<T, R> extends Serializable {
    R apply(T input) throws Exception;
}
