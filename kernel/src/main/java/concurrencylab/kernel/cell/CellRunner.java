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

import java.time.Duration;
import java.util.Arrays;

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
