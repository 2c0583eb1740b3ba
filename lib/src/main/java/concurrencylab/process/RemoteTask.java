package concurrencylab.process;

import java.io.Serializable;

/**
 * Code a child JVM runs: serializable, so it (and what it captured, such as a {@link ProcessQueue})
 * can travel there. Python's {@code Process(target=f)}.
 *
 * <pre>{@code
 * RemoteTask hello = () -> System.out.println("hello from " + ProcessHandle.current().pid());
 * JvmProcess.start(hello).join();
 * }</pre>
 */
@FunctionalInterface
public interface RemoteTask extends Serializable {
    void run() throws Exception;
}
