package concurrencylab.process;

import java.io.Serializable;

/**
 * A call a worker JVM can run and answer: serializable, so it (and what it captured) can travel there.
 *
 * <pre>{@code
 * CompletableFuture<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
 * }</pre>
 */
@FunctionalInterface
public interface RemoteCallable<R> extends Serializable {
    R call() throws Exception;
}
