package concurrencylab.examples;

/**
 * A child program for notebook 06's exercise, plain Java: it prints who it is (its process id, its
 * parent's, and the JDK it runs on), then {@code LINES} more lines of 60 characters, and exits with
 * {@code EXIT}. Enough lines fill the pipe to its parent (64 KB on Linux), and the child then waits
 * until the parent reads: a parent that calls {@link Process#waitFor()} before reading waits for ever.
 *
 * <pre>{@code
 * String java = ProcessHandle.current().info().command().orElseThrow();
 * Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
 *         "concurrencylab.examples.Chatty", "3", "7").start();
 * String out = new String(p.getInputStream().readAllBytes());  // "process 4242, child of 4200, on JDK ...\n" + 3 lines
 * p.waitFor();                                                  // 7
 * }</pre>
 */
public final class Chatty {
    private Chatty() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Chatty LINES EXIT");
            System.exit(2);
        }
        int lines = Integer.parseInt(args[0]);
        var me = ProcessHandle.current();
        System.out.println("process " + me.pid() + ", child of " + me.parent().map(ProcessHandle::pid).orElse(-1L)
                + ", on JDK " + System.getProperty("java.home"));
        String filler = "x".repeat(50);
        for (int i = 0; i < lines; i++) System.out.printf("line %4d %s%n", i % 10_000, filler);
        System.exit(Integer.parseInt(args[1]));
    }
}
