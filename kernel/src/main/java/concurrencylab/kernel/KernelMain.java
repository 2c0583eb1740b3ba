package concurrencylab.kernel;

import concurrencylab.kernel.channels.FastConnection;
import concurrencylab.kernel.display.RenderWarmUp;
import concurrencylab.kernel.start.ShellStart;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
        var log = LoggerFactory.getLogger(KernelMain.class);
        ShellStart shell = ShellStart.begin(log::warn);
        watchParent();

        var props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        var connection = new FastConnection(props);
        var kernel = new JavaKernel(connection, shell);
        // A lesson's first chart and table would pay for initialising Java2D, the fonts and Tablesaw's writers: paid while idle.
        boolean trace = Boolean.getBoolean("concurrencylab.trace");
        for (var step : RenderWarmUp.steps()) {
            shell.idleWork().whenIdle(() -> {
                long t0 = System.nanoTime();
                step.render();
                if (trace) log.warn("render warm-up, {}: {} ms", step.name(), (System.nanoTime() - t0) / 1_000_000);
            });
        }
        kernel.becomeHandlerForConnection(connection);
        kernel.captureStandardStreams();
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
        exit(0);
    }

    /**
     * Ends the kernel when the process that started it (the notebook server, jupyter_client) is gone,
     * so a crashed or killed server never leaves a kernel behind. That process is the one jupyter_client
     * names in {@code JPY_PARENT_PID}, else our parent now. If it died while the JVM started, the kernel
     * has been adopted by init: {@code JPY_PARENT_PID} then names no process (or one started after us,
     * its pid reused), and the kernel ends at once.
     */
    private static void watchParent() {
        String named = System.getenv("JPY_PARENT_PID");
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (named != null && named.matches("\\d{1,18}") && parent.map(p -> p.pid() != Long.parseLong(named)).orElse(true)) {
            // Not our parent (any more): a launcher in between, or init adopted us when it died.
            parent = ProcessHandle.of(Long.parseLong(named)).filter(KernelMain::startedBeforeUs);
        }
        parent.ifPresentOrElse(p -> p.onExit().thenRun(() -> exit(0)), () -> {
            System.err.println("kernel: the process that started it (JPY_PARENT_PID=" + named + ") is gone; exiting");
            exit(0);
        });
    }

    private static boolean startedBeforeUs(ProcessHandle p) {
        var ours = ProcessHandle.current().info().startInstant();
        var theirs = p.info().startInstant();
        return p.isAlive() && (ours.isEmpty() || theirs.isEmpty() || !theirs.get().isAfter(ours.get()));
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
