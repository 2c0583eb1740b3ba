package concurrencylab.process;

import concurrencylab.spi.KernelServices;
import concurrencylab.spi.ClassSource;
import concurrencylab.Check;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child JVM, Java's {@code multiprocessing.Process}: the same JDK as this JVM, the library on its
 * class path, running either a class's {@code main} or a {@link RemoteTask} (a lambda typed in a
 * notebook cell works: the kernel ships the cell's classes). Its stdout and stderr stream into this
 * JVM's, line by line, prefixed with {@code [jvm-PID]}: in a notebook, into the cell that started it.
 *
 * <pre>{@code
 * var child = JvmProcess.start(() -> System.out.println("hello from " + ProcessHandle.current().pid()));
 * child.pid();                              // 41231
 * child.join();                             // 0, its exit code; the cell shows "[jvm-41231] hello from 41231"
 * JvmProcess.start(Worker.class, "3").join(Duration.ofSeconds(5));   // false if still running after 5 s
 * }</pre>
 *
 * <p>No orphans: a child stops when {@link #destroyForcibly()} or {@link #close()} is called, when the thread
 * waiting in {@link #join} is interrupted, when this JVM exits, and when this JVM is killed (the child
 * watches its parent and halts).
 */
public final class JvmProcess implements AutoCloseable {
    private static final List<JvmProcess> RUNNING = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(JvmProcess::destroyForcibly), "stop child JVMs"));
    }

    private final Process process;
    private final String name;
    private final List<Thread> pumps;

    private JvmProcess(ProcessBuilder command) throws IOException {
        this(command, null);
    }

    private JvmProcess(ProcessBuilder command, Consumer<String> lines) throws IOException {
        process = command.start();
        name = "jvm-" + process.pid();
        RUNNING.add(this);
        process.onExit().thenRun(() -> RUNNING.remove(this));
        // Started from the calling thread, so in a notebook their lines land in the calling cell.
        pumps = List.of(pump(process.getInputStream(), System.out, "stdout", lines), pump(process.getErrorStream(), System.err, "stderr", lines));
    }

    /**
     * Starts a child JVM that runs the {@code main} of the class named {@code mainClass} from the
     * notebook's class path, for a class this code cannot name when it is compiled (one from a jar a
     * cell added with {@code %maven}, such as Spark's master). Each line the child prints goes to
     * {@code lines} instead of the cell, so the caller chooses what to show.
     *
     * <pre>{@code
     * JvmProcess.start("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1"),
     *         List.of("-Xmx512m"), Map.of("SPARK_HOME", home), line -> { if (line.contains("ERROR")) System.err.println(line); });
     * }</pre>
     *
     * @param jvmOptions  extra JVM options, such as {@code -Xmx512m} or {@code -Dkey=value}
     * @param environment variables added to this JVM's environment for the child
     */
    public static JvmProcess start(String mainClass, List<String> args, List<String> jvmOptions, Map<String, String> environment,
                                   Consumer<String> lines) throws IOException {
        return start(mainClass, args, jvmOptions, environment, lines, null);
    }

    /** As above, with a directory of classes (a {@link JavaProgram}'s) after the library on the child's class path. */
    static JvmProcess start(String mainClass, List<String> args, List<String> jvmOptions, Map<String, String> environment,
                            Consumer<String> lines, Path extraClassPath) throws IOException {
        Check.notNull("mainClass", mainClass);
        Check.notNull("args", args);
        Check.notNull("jvmOptions", jvmOptions);
        Check.notNull("environment", environment);
        Check.notNull("lines", lines);
        var all = new ArrayList<String>(List.of("main", mainClass));
        all.addAll(args);
        var pb = ChildJvm.command(ProcessMain.class.getName(), all, jvmOptions, extraClassPath);
        pb.environment().putAll(environment);
        return new JvmProcess(pb, lines);
    }

    /**
     * Starts a child JVM that runs {@code mainClass.main(args)}; the class must be on the class path
     * (a class defined in a notebook cell is not: use {@link #start(RemoteTask)} for that).
     */
    public static JvmProcess start(Class<?> mainClass, String... args) throws IOException {
        Check.notNull("mainClass", mainClass);
        Check.notNull("args", args);
        try {
            mainClass.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(mainClass.getName() + " has no public static void main(String[]) to run in a child JVM");
        }
        if (mainClass.getName().startsWith("REPL.")) {
            throw new IllegalArgumentException(mainClass.getName() + " is defined in a notebook cell, which a child JVM cannot load by"
                    + " name; give JvmProcess.start a lambda instead: JvmProcess.start(() -> ...)");
        }
        var pb = ChildJvm.command(ProcessMain.class.getName(), concat("main", mainClass.getName(), args));
        return new JvmProcess(pb);
    }

    /**
     * Starts a child JVM that runs {@code task}, sent with the classes of notebook cells it needs and a
     * copy of the notebook's serializable variables as they are now.
     *
     * @throws IllegalArgumentException when the task, or something it captured, cannot be serialized
     * @throws concurrencylab.spi.KernelRequiredException when the task is code from a notebook cell and no
     *                                                    kernel sends the cells' classes (IJava, JJava)
     */
    public static JvmProcess start(RemoteTask task) throws IOException {
        Check.notNull("task", task);
        byte[] bytes;
        try {
            bytes = ValueCodec.serialize(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the task cannot be sent to a child JVM: it captures a " + e.getMessage()
                    + ", which is not serializable", e);
        }
        ClassSource source = KernelServices.classSource();
        if (source == null) CellClassGraph.requireCellClassesAvailable(bytes, "JvmProcess.start");
        var child = new JvmProcess(ChildJvm.command(ProcessMain.class.getName(), List.of("task")));
        try {
            // Not closed: the child's stdin stays open as its lifeline to this JVM (see ProcessMain).
            var out = new DataOutputStream(new BufferedOutputStream(child.process.getOutputStream(), 1 << 16));
            Map<String, byte[]> classes = source == null ? Map.of() : source.classes();
            ChildFrames.writeClasses(out, classes);
            ChildFrames.writeVariables(out, source == null ? Map.of() : source.variables(CellClassGraph.wrappersUsedBy(bytes, classes)));
            ChildFrames.writeTask(out, bytes);
            out.flush();
        } catch (IOException e) {
            child.destroyForcibly();
            throw new IOException(child.name + " did not take its task: " + e.getMessage(), e);
        }
        return child;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** True until the child exits. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the child to exit and for its last output to arrive, and returns its exit code:
     * 0 when it finished, 1 when its code threw (the stack trace is in its stderr).
     *
     * @throws InterruptedException when interrupted; the child is stopped first
     */
    public int join() throws InterruptedException {
        try {
            int code = process.waitFor();
            for (Thread pump : pumps) pump.join();
            return code;
        } catch (InterruptedException e) {
            destroyForcibly();
            throw e;
        }
    }

    /**
     * Waits at most {@code timeout} for the child to exit; true when it did. The safe way to wait for a
     * child that may never end (seed 000's Example 2).
     *
     * @throws InterruptedException when interrupted; the child is stopped first
     */
    public boolean join(Duration timeout) throws InterruptedException {
        Check.notNegative("timeout", timeout);
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) return false;
            for (Thread pump : pumps) pump.join(Math.max(1, timeout.toMillis()));
            return true;
        } catch (InterruptedException e) {
            destroyForcibly();
            throw e;
        }
    }

    /** The exit code once the child has exited; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes when the child exits, as {@link Process#onExit()}. */
    public CompletableFuture<JvmProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    /**
     * Asks the child to stop (SIGTERM on Linux, as {@link Process#destroy()} and Python's
     * {@code terminate()}): its shutdown hooks run and its exit code is then 143. Its own children are
     * asked first. A child that ignores the request keeps running: {@link #join(Duration)} tells.
     */
    public void destroy() {
        process.descendants().forEach(ProcessHandle::destroy);
        // Through the handle: Process.destroy() also closes our end of the child's stdin, its lifeline,
        // and the child would halt as orphaned (exit 3) before its hooks ran.
        process.toHandle().destroy();
    }

    /**
     * Stops the child now (SIGKILL on Linux, as {@link Process#destroyForcibly()} and Python's
     * {@code kill()}): no shutdown hook runs and its exit code is then 137.
     */
    public void destroyForcibly() {
        // Its own children first (a Spark worker's executors), which would otherwise outlive it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        RUNNING.remove(this);
    }

    /** Stops the child now if it still runs ({@link #destroyForcibly()}). */
    @Override
    public void close() {
        if (process.isAlive()) destroyForcibly();
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (running)" : " (exit code " + process.exitValue() + ")");
    }

    private Thread pump(InputStream from, PrintStream to, String stream, Consumer<String> listener) {
        return Thread.ofPlatform().daemon(true).name(name + "-" + stream).start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (listener != null) listener.accept(line);
                    else to.println("[" + name + "] " + line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
    }

    private static List<String> concat(String first, String second, String[] rest) {
        var all = new ArrayList<String>(List.of(first, second));
        all.addAll(List.of(rest));
        return all;
    }
}
