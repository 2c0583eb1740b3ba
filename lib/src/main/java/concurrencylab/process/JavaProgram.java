package concurrencylab.process;

import concurrencylab.Check;
import concurrencylab.internal.PrivateDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

/**
 * A Java program compiled from source with the JDK's compiler and run in a JVM of its own, as
 * {@code javac} and {@code java} would run it. Code typed in a notebook cell is not plain Java in one
 * respect that matters to a concurrency lesson: the kernel weaves a stop check (a volatile read) into
 * every loop, so that the interrupt button can end it, and that read also keeps the JIT from hoisting
 * or merging the loop's other reads. A program run this way has no such check, so what the JIT may do
 * to it, it does.
 *
 * <pre>{@code
 * var program = JavaProgram.compile("""
 *         public class Spin {
 *             static boolean stop;
 *             public static void main(String[] args) throws Exception { ... }
 *         }
 *         """);
 * JavaProgram.Run run = program.run(Duration.ofSeconds(3), List.of("-Xint"), "500");
 * run.ended();      // false: still running at the deadline, and stopped then
 * run.output();     // what it printed, stdout and stderr
 * }</pre>
 *
 * <p>The JVM is this one's JDK with the library on its class path. It never outlives its caller: it is
 * stopped at the deadline, when the waiting thread is interrupted (the cell's interrupt), and when this
 * JVM dies, even by SIGKILL (it watches its parent, as every {@link JvmProcess} does).
 */
public final class JavaProgram {
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

    private final String className;
    private final Path classes;

    private JavaProgram(String className, Path classes) {
        this.className = className;
        this.classes = classes;
    }

    /** What a run printed, and how it ended. */
    public record Run(boolean ended, int exitCode, String output, Duration took) {
        /** The lines the program printed. */
        public List<String> lines() {
            return output.lines().toList();
        }
    }

    /** javac's diagnostics for a program that does not compile; the message is its first error. */
    public static final class CompileError extends RuntimeException {
        private final String diagnostics;

        CompileError(String className, String diagnostics) {
            super(className + " does not compile: " + diagnostics.lines().findFirst().orElse("(no message)"));
            this.diagnostics = diagnostics;
        }

        /** Everything javac printed. */
        public String diagnostics() {
            return diagnostics;
        }
    }

    /**
     * Compiles {@code source}, which declares one public class with a {@code main} method (other classes
     * may follow it in the same source), against the library's class path.
     *
     * @throws CompileError when javac reports an error
     */
    public static JavaProgram compile(String source) throws IOException {
        Check.notNull("source", source);
        var name = PUBLIC_CLASS.matcher(source);
        if (!name.find()) throw new IllegalArgumentException("the source declares no public class to run");
        String className = name.group(1);
        Path dir = PrivateDir.newDirectory("program");
        Path file = Files.writeString(dir.resolve(className + ".java"), source);
        var diagnostics = new ByteArrayOutputStream();
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) throw new IllegalStateException("this JVM has no Java compiler (a JRE, not a JDK)");
        int status = compiler.run(null, diagnostics, diagnostics, "-d", dir.toString(),
                "-cp", ChildJvm.classPath(), "--release", Integer.toString(Runtime.version().feature()), file.toString());
        if (status != 0) {
            PrivateDir.delete(dir);
            throw new CompileError(className, diagnostics.toString(StandardCharsets.UTF_8));
        }
        return new JavaProgram(className, dir);
    }

    /** The name of the class whose {@code main} runs. */
    public String className() {
        return className;
    }

    /**
     * Runs the program and waits at most {@code deadline} for it to end; a program still running then is
     * stopped (SIGKILL) and the run says {@code ended() == false}.
     *
     * @param jvmOptions options for the JVM, such as {@code -Xint} or {@code -XX:+PrintCompilation}
     * @throws InterruptedException when interrupted while waiting; the program is stopped first
     */
    public Run run(Duration deadline, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Check.notNegative("deadline", deadline);
        var output = new StringBuilder();
        long t0 = System.nanoTime();
        try (JvmProcess jvm = start(jvmOptions, line -> {
            synchronized (output) {
                output.append(line).append('\n');
            }
        }, args)) {
            boolean ended = jvm.join(deadline);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (!ended) {
                jvm.destroyForcibly();
                jvm.join(Duration.ofSeconds(5));  // its last lines
            }
            synchronized (output) {
                return new Run(ended, jvm.exitCode().orElse(-1), output.toString(), took);
            }
        }
    }

    /** Runs the program without a deadline; {@link JvmProcess#join()} waits for it. */
    public JvmProcess start(List<String> jvmOptions, Consumer<String> lines, String... args) throws IOException {
        Check.notNull("jvmOptions", jvmOptions);
        Check.notNull("args", args);
        var options = new ArrayList<String>(jvmOptions);
        return JvmProcess.start(className, List.of(args), options, Map.of(), lines, classes);
    }

    /** Removes the compiled classes. */
    public void delete() {
        PrivateDir.delete(classes);
    }

    @Override
    public String toString() {
        return "JavaProgram " + className;
    }
}
