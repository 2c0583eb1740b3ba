package concurrencylab.examples;

/**
 * A child program for notebook 06, plain Java: it says its process id, sleeps, and says when it woke up.
 * A shutdown hook prints a line when the JVM shuts down normally (its end, {@code System.exit}, or a
 * SIGTERM from {@link Process#destroy()}), never on a SIGKILL ({@link Process#destroyForcibly()}).
 * With {@code --spawn} it first starts a copy of itself as its own child, with {@link ProcessBuilder}
 * and nothing else: a grandchild of the notebook that nobody watches.
 *
 * <pre>{@code
 * String java = ProcessHandle.current().info().command().orElseThrow();
 * Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
 *         "concurrencylab.examples.Sleeper", "5000").start();
 * p.destroy();        // SIGTERM: "shutdown hook ran", exit code 143
 * }</pre>
 */
public final class Sleeper {
    private Sleeper() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--spawn"))) {
            System.err.println("usage: Sleeper MILLIS [--spawn]");
            System.exit(2);
        }
        long millis = Long.parseLong(args[0]);
        long pid = ProcessHandle.current().pid();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran in process " + pid)));
        if (args.length == 2) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Sleeper.class.getName(), args[0])
                    .inheritIO().start();
            System.out.println("process " + pid + " started process " + child.pid());
        }
        System.out.println("process " + pid + " sleeps " + millis + " ms");
        Thread.sleep(millis);
        System.out.println("process " + pid + " woke up");
    }
}
