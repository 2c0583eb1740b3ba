package concurrencylab.kernel;

import concurrencylab.kernel.channels.FastConnection;
import concurrencylab.kernel.exec.ShellStart;
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
        // JShell first: its compiler's start is the longest step, and nothing it needs comes after this.
        var log = org.slf4j.LoggerFactory.getLogger(KernelMain.class);
        ShellStart shell = ShellStart.begin(log::warn);

        var props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        var connection = new FastConnection(props);
        var kernel = new JavaKernel(connection, shell);
        kernel.becomeHandlerForConnection(connection);
        kernel.captureStandardStreams();
        kernel.onStartup();
        watchParent();
        connection.connect();
        connection.waitUntilClose();
        exit(0);
    }

    /**
     * Ends the kernel when the process that started it (the notebook server, jupyter_client) is gone,
     * so a crashed or killed server never leaves a kernel behind.
     */
    private static void watchParent() {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> exit(0)));
    }

    /**
     * Exits even if a cell is still running; halts if shutdown hooks (a cell's) hang. Not in the AOT
     * training run ({@code ./lab build}), where the JVM writes its cache as it exits.
     */
    private static void exit(int status) {
        if (!Boolean.getBoolean("concurrencylab.training")) {
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException ignored) {
                    // halting anyway
                }
                Runtime.getRuntime().halt(status);
            });
        }
        System.exit(status);
    }
}
