package concurrencylab.kernel.cell;

import concurrencylab.kernel.display.CellDisplay;
import concurrencylab.kernel.exec.CellExecutionControl;
import concurrencylab.kernel.magic.Magic;
import concurrencylab.kernel.magic.MagicContext;
import concurrencylab.kernel.magic.MagicLine;
import concurrencylab.kernel.magic.Magics;
import concurrencylab.kernel.start.ShellStart;
import concurrencylab.kernel.threads.ThreadCensus;
import concurrencylab.spi.NotebookClassPath;
import jdk.jshell.JShell;
import org.slf4j.LoggerFactory;
import jdk.jshell.SnippetEvent;

import jdk.jshell.spi.ExecutionControl;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a cell: the language side of the kernel, as ipykernel's {@code ipkernel.py} is to its
 * {@code kernelbase.py}. A cell is magic lines and Java code, run in order: a cell magic
 * ({@code %%time}) over the rest of the cell, a line magic ({@link Magics}) where it stands, the Java
 * between them snippet by snippet ({@link SnippetRunner}). The value of the last snippet or magic is
 * the cell's result. Magics reach the kernel through this runner ({@link MagicContext}).
 *
 * <pre>{@code
 * var runner = new CellRunner(start, display);
 * Object value = runner.run("%time int x = 6 * 7;\nx", 3);   // prints the timing; 42
 * }</pre>
 */
public final class CellRunner implements MagicContext {
    private final ShellStart shell;
    private final CellExecutionControl.Provider engine;
    private final CellDisplay display;
    private final Magics magics = Magics.standard();
    private final Tracebacks tracebacks = new Tracebacks();
    private final CellTimeLimit timeLimit = new CellTimeLimit(CellTimeLimit.fromEnvironment(), this::interrupt);
    private final SnippetRunner snippets;
    /** Held while a cell or a widget's callback runs. */
    private final ReentrantLock running = new ReentrantLock();
    private final Object callbackLock = new Object();
    /** The owner of the callback running now, or null. */
    private Object callbackOwner;
    // The thread microscope: the notebook's threads (once JShell has made the engine), the deadlock watch.
    private final WrapperFrames cellLines;
    private volatile ThreadCensus census;
    private final DeadlockWatch deadlockWatch;
    /** What JShell keeps of the session, trimmed after each cell to what later cells can use. */
    private final ShellMemory memory;
    /** The cell being run and its line, for magics that evaluate code in it. */
    private volatile int currentCount;
    /** The 0-based cell line where the running magic's code starts: its own line, or the next for a cell magic's body. */
    private volatile int currentCodeLine;

    /** Runs cells in the JShell {@code shell} starts; magics display through {@code display}. */
    public CellRunner(ShellStart shell, CellDisplay display) {
        this.shell = shell;
        this.engine = shell.engine();
        this.display = display;
        this.cellLines = new WrapperFrames(shell::join, tracebacks);
        this.deadlockWatch = new DeadlockWatch(this::census, display::show);
        shell.idleWork().whenIdle(DeadlockWatch::warmUp); // a cell's first look would pay for loading its classes
        this.snippets = new SnippetRunner(engine, tracebacks, timeLimit, new StopReport(this::census));
        this.memory = new ShellMemory(engine, tracebacks::forget, LoggerFactory.getLogger(ShellMemory.class)::warn);
    }

    /** Runs cell {@code count}; returns its value, or {@link Magic#NO_VALUE}. */
    public Object run(String code, int count) throws CellError {
        running.lock(); // a widget's callback may be running: cells and callbacks run one at a time
        try {
            return runLocked(code, count);
        } finally {
            running.unlock();
        }
    }

    private Object runLocked(String code, int count) throws CellError {
        timeLimit.cellStarted();
        try {
            JShell js = shell.join();
            memory.attach(js);
            CellExecutionControl control = engine.control();
            control.clearValues();
            try {
                control.beginCell(count);
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare the cell's stop flag", e);
            }
            deadlockWatch.start();
            try {
                return runLines(js, code, count);
            } finally {
                deadlockWatch.stop();
                control.endCell();
                control.clearValues();
                memory.afterCell();
            }
        } finally {
            timeLimit.cellEnded();
        }
    }

    private Object runLines(JShell js, String code, int count) throws CellError {
        currentCount = count;
        String[] lines = code.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (first < lines.length && MagicLine.isCellMagic(lines[first])) {
            String body = String.join("\n", Arrays.copyOfRange(lines, first + 1, lines.length));
            return runMagic(lines[first], count, first + 1, body);
        }
        Object value = Magic.NO_VALUE;
        int i = 0;
        while (i < lines.length) {
            if (MagicLine.isMagic(lines[i])) {
                value = runMagic(lines[i], count, i + 1, null);
                i++;
                continue;
            }
            int start = i;
            StringBuilder java = new StringBuilder();
            var open = new OpenJava();  // inside a text block, a comment or brackets, a %line is Java
            while (i < lines.length && (open.isOpen() || !MagicLine.isMagic(lines[i]))) {
                open.read(lines[i]);
                java.append(lines[i]).append('\n');
                i++;
            }
            if (!java.toString().isBlank()) value = snippets.run(js, java.toString(), count, start);
        }
        return value;
    }

    /** Runs a line magic, or a cell magic over {@code body}; a bad one is a one-line error naming it. */
    private Object runMagic(String line, int count, int lineNumber, String body) throws CellError {
        currentCodeLine = body == null ? lineNumber - 1 : lineNumber;
        try {
            MagicLine magic = MagicLine.parse(line);
            return body == null ? magics.run(magic, this) : magics.runCell(magic, body, this);
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            throw Tracebacks.magicError(e, count, lineNumber);
        }
    }

    /**
     * Runs a widget's callback as a cell runs: after the running cell or callback, on a thread of a new
     * group of the engine's, with the cell time limit; the interrupt and {@link #interruptCallback} stop
     * it and the threads it started. {@code owner} names it for {@link #interruptCallback}.
     *
     * @return the body's value
     * @throws CellError the body's exception in cell lines, or why it was stopped ({@code Interrupted},
     *                   {@code TimeLimitExceeded})
     */
    public Object runCallback(Object owner, Callable<?> body) throws CellError {
        running.lock();
        try {
            shell.join();
            CellExecutionControl control = engine.control();
            shell.idleWork().busy();
            timeLimit.cellStarted();
            boolean watching = false;
            try {
                control.beginCell(currentCount); // its threads count as the last cell's
                synchronized (callbackLock) {
                    callbackOwner = owner;
                }
                deadlockWatch.start();
                watching = true;
                return control.runCallback("widget-callback", body);
            } catch (ExecutionControl.StoppedException e) {
                if (timeLimit.passed()) throw timeLimit.error("widget callback", "the callback");
                String msg = "the callback was interrupted";
                throw new CellError("Interrupted", msg, List.of("widget callback: " + msg));
            } catch (Exception | Error e) {
                throw callbackError(e);
            } finally {
                if (watching) deadlockWatch.stop();
                synchronized (callbackLock) {
                    callbackOwner = null;
                }
                control.endCell();
                timeLimit.cellEnded();
                shell.idleWork().idle();
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * A callback's exception with its frames in cell lines, as a cell's: rethrown through a snippet, so
     * JShell maps the cells' classes to their snippets (one compile, on failures only). The frames of the
     * widget machinery under the user's function are left out.
     */
    private CellError callbackError(Throwable failure) {
        JShell js = shell.join();
        CallbackFailure.hold(failure);
        CellError error = null;
        try {
            for (SnippetEvent e : js.eval(CallbackFailure.class.getName() + ".rethrow();")) {
                if (e.causeSnippet() == null) {
                    js.drop(e.snippet());
                    if (e.exception() != null) error = tracebacks.runtimeError(e.exception());
                }
            }
        } catch (RuntimeException notTranslated) {
            // JShell could not run the snippet: the frames as the JVM names them
        } finally {
            CallbackFailure.hold(null);
        }
        if (error == null) error = tracebacks.runtimeError(failure);
        List<String> trace = error.traceback().stream()
                .takeWhile(line -> !line.startsWith("    at concurrencylab.widget.Interact")).toList();
        return new CellError(error.ename(), error.evalue(), trace);
    }

    /** Stops the callback {@code owner} runs, if it is the one running now (a widget's Stop button). */
    public void interruptCallback(Object owner) {
        synchronized (callbackLock) {
            if (owner != null && callbackOwner == owner) interrupt();
        }
    }

    /**
     * Watches for deadlocks until the returned handle is closed, as while a cell runs: for code run like a
     * cell outside {@link #run} (a widget's callback). What the watch finds shows in the current cell.
     *
     * <pre>{@code
     * try (var watching = runner.watchForDeadlocks()) { callback.run(); }
     * }</pre>
     */
    public AutoCloseable watchForDeadlocks() {
        deadlockWatch.start();
        return deadlockWatch::stop;
    }

    /** The notebook's threads as {@code %threads} sees them; null until JShell has made the engine. */
    private ThreadCensus census() {
        ThreadCensus c = census;
        if (c == null && shell.isDone() && engine.control() != null) {
            synchronized (this) {
                if (census == null) census = new ThreadCensus(engine.control().notebookThreads(), cellLines);
                c = census;
            }
        }
        return c;
    }

    /** Stops the running cell and the threads it started; with no cell running, the threads earlier cells left. */
    public void interrupt() {
        if (shell.isDone() && engine.control() != null) engine.control().stop();
    }

    // ------------------------------------------------------------------------------ for the magics

    @Override
    public void addToClasspath(String path) {
        shell.join().addToClasspath(path);
        shell.completion().addClassPath(path);
        NotebookClassPath.add(path); // child JVMs (worker pools, a Spark cluster) get the jars of %jars and %maven too
    }

    @Override
    public String setCellTimeLimit(Duration limit) {
        return timeLimit.set(limit);
    }

    @Override
    public Object evalInCell(String code) throws CellError {
        return snippets.run(shell.join(), code + "\n", currentCount, currentCodeLine);
    }

    @Override
    public Object runLoaded(String code, String source) throws CellError {
        int count = currentCount;
        int line = currentCodeLine;
        try {
            return runLines(shell.join(), code, Tracebacks.loadedSource(source));
        } finally {
            currentCount = count;
            currentCodeLine = line;
        }
    }

    @Override
    public boolean isExpression(String code) {
        return snippets.isExpression(shell.join(), code);
    }

    @Override
    public void displayMarkdown(String markdown, String plain) {
        display.markdown(markdown, plain);
    }

    @Override
    public ThreadCensus threads() {
        shell.join();
        return census();
    }

    @Override
    public void display(Object value) {
        display.show(value);
    }

    @Override
    public long[] executionClock() {
        return engine.control().clock().read();
    }

    @Override
    public AutoCloseable countingCpu() {
        return engine.control().clock().countingCpu();
    }
}
