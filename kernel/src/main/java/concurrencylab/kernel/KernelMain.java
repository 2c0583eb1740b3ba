package concurrencylab.kernel;

import concurrencylab.kernel.channels.FastConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the kernel for Jupyter: {@code java -cp ... concurrencylab.kernel.KernelMain CONNECTION_FILE}.
 * The kernelspec that {@code ./lab} installs runs exactly this.
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE (Jupyter passes it; see ./lab install-kernel)");
            System.exit(2);
        }
        // The kernel's own log must keep the real stderr (Jupyter's log), not the notebook's.
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("concurrencylab.log", "warn"));
        System.setProperty("java.awt.headless", "true");
        org.slf4j.LoggerFactory.getLogger(KernelMain.class).debug("starting");

        var props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        var connection = new FastConnection(props);
        var kernel = new JavaKernel(connection);
        kernel.becomeHandlerForConnection(connection);
        kernel.captureStandardStreams();
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
        kernel.onShutdown(false);
        Runtime.getRuntime().halt(0); // user threads (pools a cell left running) must not keep the kernel alive
    }
}
