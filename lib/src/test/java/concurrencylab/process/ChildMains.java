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
}
