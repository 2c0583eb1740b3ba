package concurrencylab.kernel.start;

import concurrencylab.kernel.completion.CompletionIndex;
import concurrencylab.kernel.exec.CellClassFiles;
import concurrencylab.kernel.exec.CellExecutionControl;
import concurrencylab.kernel.exec.CellValue;
import concurrencylab.spi.NotebookClassPath;
import jdk.jshell.JShell;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * JShell, started as the kernel's very first step: built on main's thread, then prepared on its own
 * (javac's first compile is the longest part of a cold start) while the kernel
 * opens its sockets and answers {@code kernel_info}; the first request that needs it waits for it.
 *
 * <pre>{@code
 * ShellStart start = ShellStart.begin(log::warn);   // first thing in main
 * ...
 * JShell js = start.join();                         // when the first cell arrives
 * }</pre>
 */
public final class ShellStart {
    /** How long the kernel must have been idle before {@link IdleWork} begins. */
    static final Duration IDLE = Duration.ofSeconds(1);

    private final CellExecutionControl.Provider engine;
    private final IdleWork idleWork;
    private final CompletionIndex completion;
    private final CompletableFuture<JShell> shell;
    /** Set once a request waits for the shell: the warm-up would only delay it. */
    private final AtomicBoolean awaited;

    private ShellStart(CellExecutionControl.Provider engine, IdleWork idleWork, CompletionIndex completion,
                       CompletableFuture<JShell> shell, AtomicBoolean awaited) {
        this.engine = engine;
        this.idleWork = idleWork;
        this.completion = completion;
        this.shell = shell;
        this.awaited = awaited;
    }

    /** The execution engine JShell runs cells with (its control exists once the shell does). */
    public CellExecutionControl.Provider engine() {
        return engine;
    }

    /** Work for when the kernel is idle; it begins once JShell is prepared. */
    public IdleWork idleWork() {
        return idleWork;
    }

    /** Package names for completion, read when the kernel is idle (JShell's own index is off). */
    public CompletionIndex completion() {
        return completion;
    }

    /** JShell with the default imports made, once it is; a start that failed throws its error here. */
    public JShell join() {
        awaited.set(true);
        return shell.join();
    }

    /** Whether the start has ended, prepared or failed (an interrupt before then has no cell to stop). */
    public boolean isDone() {
        return shell.isDone();
    }

    /**
     * The packages every cell sees, as in IJava, plus what concurrency lessons use. One snippet for all
     * (javac has a fixed cost per snippet, paid at start). It is keyed by its
     * first import, the kernel's display API, which nobody types again: re-importing that one exact
     * line would replace the snippet and take the others with it.
     */
    static final String DEFAULT_IMPORTS = "import static concurrencylab.kernel.Notebook.*; "
            + String.join(" ", List.of("java.io", "java.math", "java.net", "java.nio.file", "java.time", "java.util",
                    "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.util.function",
                    "java.util.regex", "java.util.stream").stream().map(p -> "import " + p + ".*;").toList());

    /**
     * Builds JShell now, on the calling thread, and starts its compiler on a thread of its own; {@code log}
     * gets start-up problems and, traced, the times.
     */
    public static ShellStart begin(Consumer<String> log) {
        long t0 = System.nanoTime();
        var engine = new CellExecutionControl.Provider();
        var idleWork = new IdleWork(IDLE, log);
        var completion = new CompletionIndex(idleWork::whenIdle);
        var awaited = new AtomicBoolean();
        String compileClassPath = compileClassPath();
        CompletableFuture<JShell> shell;
        try {
            JShell js = build(engine, compileClassPath);
            shell = CompletableFuture.supplyAsync(() -> prepare(js, engine, idleWork, completion, awaited, compileClassPath, log, t0),
                    Thread.ofPlatform().name("jshell-start")::start);
        } catch (RuntimeException | Error e) { // the first cell reports it
            shell = CompletableFuture.failedFuture(e);
        }
        return new ShellStart(engine, idleWork, completion, shell, awaited);
    }

    /**
     * The class path javac compiles cells against: the notebook jars' classes, unpacked by {@code ./lab build}
     * into one directory (javac indexes every entry of every jar on its class path before its first
     * lookup; a directory it reads package by package).
     */
    private static String compileClassPath() {
        return System.getProperty("concurrencylab.compile.classpath", NotebookClassPath.get());
    }

    /**
     * JShell starts javac's class path from the JVM's own, which for the kernel holds ZeroMQ, Maven
     * Resolver and the rest of its jars: javac would index them all, and completion would offer them.
     * So it is built while {@code java.class.path} says the compile class path (on main's thread,
     * before any other of ours reads the property), and told it once more, which sets javac's option
     * explicitly (a duplicate entry javac drops): otherwise javac reads the property again on its first
     * compile.
     */
    private static JShell build(CellExecutionControl.Provider engine, String compileClassPath) {
        String jvmClassPath = System.getProperty("java.class.path");
        JShell js;
        System.setProperty("java.class.path", compileClassPath);
        try {
            js = JShell.builder()
                    .executionEngine(engine, Map.of())
                    .compilerOptions(compilerOptions())
                    .build();
        } finally {
            System.setProperty("java.class.path", jvmClassPath);
        }
        // Not a --class-path compiler option: JShell's own class path must stay extensible for %jars and %maven.
        js.addToClasspath(compileClassPath);
        return js;
    }

    /**
     * Preview features (StructuredTaskScope in 25) compile in cells; javac marks only the classes that
     * use them, and those load because the kernelspec starts the JVM with --enable-preview too.
     */
    private static String[] compilerOptions() {
        return new String[]{"-Xlint:none", "-proc:none", "--enable-preview", "--source", String.valueOf(Runtime.version().feature())};
    }

    private static JShell prepare(JShell js, CellExecutionControl.Provider engine, IdleWork idleWork, CompletionIndex completion,
                                  AtomicBoolean awaited, String compileClassPath, Consumer<String> log, long t0) {
        // Off javac's path (making the directory would delay it); classes defined before it exists are written then.
        Thread.ofPlatform().name("cell-class-files").start(() -> {
            try {
                engine.control().writeClassesTo(CellClassFiles.create());
            } catch (IOException e) {
                log.accept("cell classes will not reach Spark executors: " + e.getMessage());
            }
        });
        completion.attach(js.sourceCodeAnalysis(), compileClassPath, log); // JShell starts its index at once: off
        long t1 = System.nanoTime();
        // Package imports, not "import module java.base" (JEP 511): that one snippet would be as slow to
        // start with, and makes every early cell's compile slower.
        js.eval(DEFAULT_IMPORTS);
        long t2 = System.nanoTime();
        // Warms the compiler on the path a first "1 + 1" takes (the kernel's completeness check, then the
        // displayed expression as a declaration), unless a cell already waits: it takes that path itself, and
        // after a warm-up it paid for the path twice.
        boolean warmed = !awaited.get();
        if (warmed) {
            js.sourceCodeAnalysis().analyzeCompletion("1 + 1\n");
            js.eval(CellValue.declaration("1 + 1", 0)).forEach(e -> js.drop(e.snippet()));
        }
        if (Boolean.getBoolean("concurrencylab.trace")) {
            log.accept(String.format("jshell: build %.0f ms, imports %.0f ms, warm-up %s, ready %d ms after the JVM started",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, warmed ? String.format("%.0f ms", (System.nanoTime() - t2) / 1e6) : "skipped",
                    ManagementFactory.getRuntimeMXBean().getUptime()));
        }
        idleWork.ready();
        return js;
    }
}
