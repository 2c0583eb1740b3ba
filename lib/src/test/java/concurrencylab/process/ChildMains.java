package concurrencylab.process;

/** Entry points for child JVMs in the tests; on the class path, so a child can load them by name. */
public final class ChildMains {
    private ChildMains() {}

    /** Prints its arguments, then exits with the code given as the first one. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println("args " + String.join(" ", args));
            System.err.println("to stderr");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** Prints an environment variable and a system property, both named by the caller. */
    public static final class Environment {
        public static void main(String[] args) {
            System.out.println(args[0] + "=" + System.getenv(args[0]) + " " + args[1] + "=" + System.getProperty(args[1]));
        }
    }

    /** Starts a grandchild process that sleeps, prints its pid, and waits (a Spark worker and its executor). */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Process grandchild = new ProcessBuilder("sleep", "60").start();
            System.out.println("grandchild " + grandchild.pid());
            grandchild.waitFor();
        }
    }
}
