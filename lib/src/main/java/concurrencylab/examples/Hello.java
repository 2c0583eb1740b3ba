package concurrencylab.examples;

import java.util.ArrayList;

/**
 * A named entry point for a child JVM (the Java side of Python's {@code if __name__ == "__main__":}):
 * prints its process id and arguments, and exits with the code given as {@code --exit N}.
 *
 * <pre>{@code
 * JvmProcess.start(Hello.class, "from", "the notebook").join();   // [jvm-4242] hello from process 4242: [from, the notebook]
 * }</pre>
 */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        int exit = 0;
        var words = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--exit") && i + 1 < args.length) exit = Integer.parseInt(args[++i]);
            else words.add(args[i]);
        }
        System.out.println("hello from process " + ProcessHandle.current().pid() + ": " + words);
        System.exit(exit);
    }
}
