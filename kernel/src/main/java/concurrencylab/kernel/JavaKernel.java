package concurrencylab.kernel;

import concurrencylab.kernel.display.Renderers;
import concurrencylab.kernel.exec.CellExecutionControl;
import concurrencylab.kernel.exec.ShellStart;
import concurrencylab.kernel.exec.CellValue;
import concurrencylab.kernel.magic.Magics;
import concurrencylab.kernel.output.CellOutput;
import concurrencylab.kernel.output.OutputRouter;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.io.File;
import java.util.EnumSet;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Concurrency Lab kernel: Java 25 cells evaluated by JShell in the kernel's JVM.
 *
 * <p>Cells may hold several snippets, imports and declarations that later cells use, and IJava's
 * line magics. Output of every thread a cell starts is streamed into the notebook; the value of the
 * last expression is the cell's result, rendered as an image for charts and HTML for tables.
 *
 * <pre>{@code
 * var kernel = new JavaKernel(connection, ShellStart.begin(log::warn));   // see KernelMain
 * kernel.becomeHandlerForConnection(connection);
 * }</pre>
 */
public final class JavaKernel extends BaseKernel implements Magics.Host {
    private static volatile JavaKernel current;

    private final JupyterConnection connection;
    private final OutputRouter output;
    private final CellExecutionControl.Provider engine;
    private final ShellStart shell;
    /** Package names for completion (JShell's own index is off), read while the kernel is idle. */
    private final concurrencylab.kernel.completion.CompletionIndex completion;
    /** Work done only while no cell runs (reading package names, warming the renderers). */
    private final IdleWork idleWork;
    private final Magics magics;
    /** Cells running longer than this are stopped like an interrupt; null means no limit (the default). */
    private volatile java.time.Duration cellTimeLimit = timeLimitFromEnvironment();
    private final java.util.concurrent.ScheduledExecutorService watchdog =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name("cell-time-limit").factory());
    private volatile boolean stoppedByTimeLimit;
    /** Where each snippet's source starts: execution count and line in the cell, for tracebacks. */
    private final Map<String, int[]> snippetPlaces = new ConcurrentHashMap<>();

    /** A kernel evaluating cells with the JShell {@code start} brings (begun before anything else, see KernelMain). */
    public JavaKernel(JupyterConnection connection, ShellStart start) {
        super("concurrency-lab", version(), languageInfo(), List.of(
                        new HelpLink("Java 25 API", "https://docs.oracle.com/en/java/javase/25/docs/api/")),
                new SessionHistory(), new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, null, false,
                new StringStyler.Builder().build());
        this.connection = connection;
        this.engine = start.engine();
        this.shell = start;
        this.completion = start.completion();
        this.idleWork = start.idleWork();
        this.output = new OutputRouter(connection.getIOPub(), 2_000_000);
        this.magics = new Magics(this);
        Renderers.registerAll(renderer);
        current = this;
        // Code typed in cells can run in worker JVMs: the pool ships them the classes the cells defined.
        concurrencylab.process.ClassSource.install(new concurrencylab.process.ClassSource() {
            @Override
            public Map<String, byte[]> classes() {
                return engine.control() == null ? Map.of() : engine.control().classBytes();
            }

            @Override
            public Class<?> load(String name) throws ClassNotFoundException {
                if (engine.control() == null) throw new ClassNotFoundException(name);
                return engine.control().loadCellClass(name);
            }

            @Override
            public Map<String, Map<String, Object>> variables() {
                return engine.control() == null ? Map.of() : engine.control().cellVariables(null);
            }

            @Override
            public Map<String, Map<String, Object>> variables(java.util.Set<String> wrapperClasses) {
                return engine.control() == null ? Map.of() : engine.control().cellVariables(wrapperClasses);
            }
        });
        // Long measurements in the library show their progress as a display updated in place.
        concurrencylab.measure.LiveDisplay.install(new concurrencylab.measure.LiveDisplay() {
            @Override
            public String show(Object value) {
                return displayNow(value, null);
            }

            @Override
            public void update(String id, Object value) {
                displayNow(value, id);
            }
        });
    }

    static JavaKernel current() {
        JavaKernel k = current;
        if (k == null) throw new IllegalStateException("display() works only in a notebook run by the Concurrency Lab kernel");
        return k;
    }

    /** Routes {@code System.out} and {@code System.err} of every thread to the notebook. */
    public void captureStandardStreams() {
        System.setOut(output.out());
        System.setErr(output.err());
    }

    private JShell jshell() {
        return shell.join();
    }

    @Override
    public void addToClasspath(String path) {
        jshell().addToClasspath(path);
        completion.addClassPath(path);
        // Child JVMs (worker pools, a Spark cluster) get the jars of %jars and %maven too.
        String notebook = System.getProperty("concurrencylab.notebook.classpath", System.getProperty("java.class.path"));
        if (!List.of(notebook.split(File.pathSeparator)).contains(path)) {
            System.setProperty("concurrencylab.notebook.classpath", notebook + File.pathSeparator + path);
        }
    }

    // ----------------------------------------------------------------------------------- execute

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> request) {
        idleWork.busy();
        try {
            executeRequest(env, request);
        } finally {
            idleWork.idle();
        }
    }

    private void executeRequest(ShellReplyEnvironment env, Message<ExecuteRequest> request) {
        commManager.setMessageContext(request);
        ExecuteRequest req = request.getContent();
        int count = req.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(req.getCode(), count));
        CellOutput cell = new CellOutput(request, count);
        output.cellStarted(cell);
        java.time.Duration limit = cellTimeLimit;
        stoppedByTimeLimit = false;
        var timer = limit == null ? null : watchdog.schedule(() -> {
            stoppedByTimeLimit = true;
            interrupt();
        }, limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            Object value = executeCell(req.getCode(), count);
            if (timer != null) timer.cancel(false);
            output.cellFinished(cell);
            DisplayData shown = value != NO_VALUE && value != null && !req.isSilent() ? render(value) : null;
            if (shown != null) env.publish(new PublishExecuteResult(count, shown));
            if (req.shouldStoreHistory()) {
                history().record(count, req.getCode(), shown == null ? "" : String.valueOf(shown.getData(MIMEType.TEXT_PLAIN)));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellError e) {
            if (timer != null) timer.cancel(false);
            output.cellFinished(cell);
            if (req.shouldStoreHistory()) history().record(count, req.getCode(), "");
            env.publish(new PublishError(e.ename, e.evalue, e.traceback));
            ErrorReply reply = new ErrorReply(e.ename, e.evalue, e.traceback);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } catch (RuntimeException | Error e) {
            if (timer != null) timer.cancel(false);
            output.cellFinished(cell);
            List<String> trace = List.of("Internal kernel error: " + e);
            env.publish(new PublishError(e.getClass().getName(), String.valueOf(e.getMessage()), trace));
            ErrorReply reply = new ErrorReply(e.getClass().getName(), String.valueOf(e.getMessage()), trace);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    private static final Object NO_VALUE = Magics.NO_VALUE;
    /** The cell being executed, for magics that evaluate code in it. */
    private volatile int currentCount;
    private volatile int currentLine;

    /** Runs a cell: magic lines and Java code in order. Returns the last Java expression's value, or NO_VALUE. */
    Object executeCell(String code, int count) throws CellError {
        JShell js = jshell();
        CellExecutionControl control = engine.control();
        control.clearValues();
        try {
            control.beginCell();
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the cell's stop flag", e);
        }
        try {
            return executeLines(js, code, count);
        } finally {
            control.endCell();
            control.clearValues();
        }
    }

    private Object executeLines(JShell js, String code, int count) throws CellError {
        currentCount = count;
        String[] lines = code.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (first < lines.length && Magics.isCellMagic(lines[first])) {
            String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
            currentLine = first + 1;
            return runMagic(lines[first], count, first + 1, body);
        }
        Object value = NO_VALUE;
        int i = 0;
        while (i < lines.length) {
            if (Magics.isMagic(lines[i])) {
                currentLine = i + 1;
                value = runMagic(lines[i], count, i + 1, null);
                i++;
                continue;
            }
            int start = i;
            StringBuilder java = new StringBuilder();
            while (i < lines.length && !Magics.isMagic(lines[i])) {
                java.append(lines[i]).append('\n');
                i++;
            }
            if (!java.toString().isBlank()) {
                value = evalJava(js, java.toString(), count, start);
            }
        }
        return value;
    }

    /** Runs a line magic, or a cell magic over {@code body}; a bad one is a one-line error naming it. */
    private Object runMagic(String line, int count, int lineNumber, String body) throws CellError {
        try {
            Magics.Line magic = Magics.parse(line);
            return body == null ? magics.run(magic) : magics.runCell(magic, body);
        } catch (Magics.MagicException e) {
            throw new CellError("MagicError", e.getMessage(), List.of("cell [" + count + "] line " + lineNumber + ": " + e.getMessage()));
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            throw new CellError(e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of("cell [" + count + "] line " + lineNumber + ": " + e));
        }
    }

    // ------------------------------------------------------------------------- for the magics

    @Override
    public Object evalInCell(String code) throws CellError {
        return evalJava(jshell(), code + "\n", currentCount, Math.max(0, currentLine - 1));
    }

    @Override
    public boolean isExpression(String code) {
        var snippets = jshell().sourceCodeAnalysis().sourceToSnippets(code);
        if (snippets.size() != 1) return false;
        Snippet s = snippets.getFirst();
        return s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND
                || s.subKind() == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
    }

    @Override
    public void displayMarkdown(String markdown, String plain) {
        DisplayData data = new DisplayData(plain);
        data.putData(MIMEType.TEXT_MARKDOWN, markdown);
        displayNow(data, null);
    }

    @Override
    public AutoCloseable countingCpu() {
        return engine.control().countingCpu();
    }

    @Override
    public long[] executionClock() {
        var c = engine.control();
        return new long[]{c.executionNanos(), c.executionCpuNanos(), c.compilerCpuNanos()};
    }

    /** Evaluates Java source snippet by snippet; {@code firstLine} is its 0-based line in the cell. */
    private Object evalJava(JShell js, String source, int count, int firstLine) throws CellError {
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        String remaining = source;
        int consumed = 0;
        Object value = NO_VALUE;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
            int used = remaining.length() - info.remaining().length();
            String chunk = remaining.substring(0, used);
            int lead = chunk.length() - chunk.stripLeading().length();
            int snippetLine = firstLine + lines(source.substring(0, consumed + lead));
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (!info.completeness().isComplete()) {
                String msg = "the cell ends inside a statement (a missing ';', ')' or '}'?)";
                throw new CellError("CompilationError", msg, List.of("cell [" + count + "] line " + (snippetLine + 1) + ": " + msg,
                        "    " + chunk.strip().lines().findFirst().orElse("")));
            }
            // Leading blank lines are counted in snippetLine; JShell would count them again in diagnostics.
            String snippet = info.source().stripLeading();
            boolean shown = !chunk.strip().endsWith(";"); // as in IJava: a trailing ';' hides the result
            Object ran = shown && mayBeExpression(snippet)
                    ? evalAsDeclaration(js, CellValue.declaration(snippet, ++declarations), count, snippetLine) : NOT_RUN;
            if (ran == NOT_RUN && STATEMENT_START.matcher(snippet).find()) {
                ran = evalAsDeclaration(js, CellValue.statement(snippet, ++declarations), count, snippetLine);
                if (ran != NOT_RUN) ran = NO_VALUE; // the block yields nothing
            }
            value = ran != NOT_RUN ? ran : evalSnippet(js, snippet, count, snippetLine);
            if (!shown) value = NO_VALUE;
            consumed += used;
            remaining = info.remaining();
        }
        return value;
    }

    private static final Object NOT_RUN = new Object();
    private static final java.util.regex.Pattern NOT_EXPRESSION_START = java.util.regex.Pattern.compile(
            "^(import|package|class|interface|enum|record|void|public|protected|private|static|final|abstract|sealed|"
                    + "non-sealed|for|while|do|if|try|switch|synchronized|return|throw|var|assert)\\b|^@|^[\\w.]+(<.*>)?(\\[])*\\s+\\w+\\s*(=|;|$)",
            java.util.regex.Pattern.DOTALL);

    /**
     * Snippets that are statements for certain, never declarations: a statement keyword, or a name (a.b.c)
     * followed by a call or an assignment, or new, ++ and --. A declaration names a type and then a variable
     * (or starts with a modifier, an annotation, a generic or array type), so it never matches.
     */
    private static final java.util.regex.Pattern STATEMENT_START = java.util.regex.Pattern.compile(
            "^(?:(?:for|while|do|if|try|synchronized|switch)\\b|new\\s|\\+\\+|--"
                    + "|[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*\\s*(?:\\(|\\+\\+|--|(?:[-+*/%&|^]|<<|>>>?)?=(?!=)))");

    /** Cheap pre-check so that declarations and statements don't pay for a failed wrapped compile. */
    private static boolean mayBeExpression(String snippet) {
        String s = snippet.strip();
        return !s.endsWith("}") && !NOT_EXPRESSION_START.matcher(s).find();
    }

    /** Numbers the variables of displayed values and statements ({@link CellValue}); cells run one at a time. */
    private int declarations;

    /**
     * Runs a displayed expression or a statement as the declaration {@link CellValue} made of it (two
     * javac passes, where JShell takes three or four for the code as written), then drops that
     * declaration and returns its value. Returns NOT_RUN, having run nothing, when it does not compile
     * (a declaration, a void call, a return, a compile error): the caller then evaluates the snippet as
     * written, with its own diagnostics.
     */
    private Object evalAsDeclaration(JShell js, String declaration, int count, int snippetLine) throws CellError {
        List<SnippetEvent> events = js.eval(declaration);
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main == null) return NOT_RUN;
        js.drop(main.snippet()); // its value is taken below; kept, every later cell would import it
        // Not VALID also when it refers to something not yet declared: JShell keeps such a declaration
        // for later (RECOVERABLE_NOT_DEFINED) without a word, where the code as written is an error.
        if (main.status() != Snippet.Status.VALID) return NOT_RUN;
        snippetPlaces.put(main.snippet().id(), new int[]{count, snippetLine});
        if (main.exception() != null) throw runtimeError(main.exception(), count);
        if (engine.control().takeStopped()) throw stoppedByTimeLimit ? timedOut(count) : interrupted(count);
        return engine.control().takeValue(main.value(), null);
    }

    private Object evalSnippet(JShell js, String src, int count, int snippetLine) throws CellError {
        Object value = NO_VALUE;
        for (SnippetEvent e : js.eval(src)) {
            if (e.causeSnippet() != null) continue; // updates of dependent snippets
            Snippet snippet = e.snippet();
            snippetPlaces.put(snippet.id(), new int[]{count, snippetLine});
            if (e.status() == Snippet.Status.REJECTED) {
                throw compileError(js, snippet, src, count, snippetLine);
            }
            if (e.exception() != null) {
                throw runtimeError(e.exception(), count);
            }
            if (showsValue(snippet) && e.value() != null) {
                value = engine.control().takeValue(e.value(), e.value());
            } else {
                value = NO_VALUE;
            }
        }
        if (engine.control().takeStopped()) {
            // JShell reports a stopped snippet as a plain event, without an exception
            throw stoppedByTimeLimit ? timedOut(count) : interrupted(count);
        }
        return value;
    }

    private static boolean showsValue(Snippet s) {
        return switch (s.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CellError compileError(JShell js, Snippet snippet, String src, int count, int snippetLine) {
        List<String> trace = new ArrayList<>();
        String first = null;
        for (Diag d : js.diagnostics(snippet).toList()) {
            if (!d.isError()) continue;
            String msg = d.getMessage(Locale.ROOT);
            int pos = (int) Math.max(0, Math.min(src.length(), d.getStartPosition()));
            int lineInSnippet = lines(src.substring(0, pos));
            int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = src.indexOf('\n', pos);
            String codeLine = src.substring(lineStart, lineEnd < 0 ? src.length() : lineEnd);
            String[] msgLines = msg.split("\n");
            trace.add("cell [" + count + "] line " + (snippetLine + lineInSnippet + 1) + ": " + msgLines[0]);
            trace.add("    " + codeLine);
            trace.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + "^");
            for (int k = 1; k < msgLines.length; k++) trace.add("  " + msgLines[k].strip());
            if (first == null) first = msgLines[0];
        }
        if (first == null) {
            first = "the snippet was rejected: " + src.strip().lines().findFirst().orElse("");
            trace.add(first);
        }
        return new CellError("CompilationError", first, trace);
    }

    private CellError runtimeError(JShellException ex, int count) {
        if (ex instanceof UnresolvedReferenceException ure) {
            String msg = "this code uses something not defined yet: " + ure.getSnippet().source().strip().lines().findFirst().orElse("")
                    + " (define what it needs in an earlier cell)";
            return new CellError("UnresolvedReference", msg, List.of(msg));
        }
        String name = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
        String message = String.valueOf(ex.getMessage());
        if (ex instanceof EvalException && ex.getMessage() == null) message = "";
        List<String> trace = new ArrayList<>();
        Throwable t = ex;
        boolean firstLine = true;
        while (t != null) {
            String tName = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            trace.add((firstLine ? "" : "Caused by: ") + tName + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            firstLine = false;
            for (StackTraceElement el : t.getStackTrace()) {
                String line = frame(el);
                if (line != null) trace.add(line);
            }
            t = t.getCause();
        }
        return new CellError(name, message, trace);
    }

    /** A stack frame as the user reads it: cell lines for cell code, internals of JShell and the kernel left out. */
    private String frame(StackTraceElement el) {
        String cls = el.getClassName();
        if (cls.startsWith("jdk.internal.") || cls.startsWith("java.lang.reflect.") || cls.startsWith("jdk.jshell.")
                || cls.startsWith("concurrencylab.kernel.")) return null;
        String file = el.getFileName();
        if (file != null && file.startsWith("#")) {
            int[] place = snippetPlaces.get(file.substring(1));
            String where = place == null ? "an earlier cell" : "cell [" + place[0] + "] line " + (place[1] + el.getLineNumber());
            String method = el.getMethodName();
            boolean topLevel = method.isBlank() || method.startsWith("do_it$") || method.equals("<clinit>");
            return topLevel ? "    at " + where : "    at " + method + " (" + where + ")";
        }
        return "    at " + el;
    }

    private static CellError interrupted(int count) {
        String msg = "the cell was interrupted";
        return new CellError("Interrupted", msg, List.of("cell [" + count + "]: " + msg));
    }

    private CellError timedOut(int count) {
        String msg = "the cell ran longer than the time limit of " + seconds(cellTimeLimit)
                + " and was stopped (%cell_timeout off removes the limit)";
        return new CellError("TimeLimitExceeded", msg, List.of("cell [" + count + "]: " + msg));
    }

    private static String seconds(java.time.Duration d) {
        return d == null ? "none" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** LAB_CELL_TIMEOUT=seconds in the kernel's environment sets a default limit for every cell. */
    private static java.time.Duration timeLimitFromEnvironment() {
        String v = System.getenv("LAB_CELL_TIMEOUT");
        if (v == null || v.isBlank() || v.equals("off")) return null;
        try {
            double seconds = Double.parseDouble(v);
            return seconds > 0 ? java.time.Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            System.err.println("LAB_CELL_TIMEOUT must be a number of seconds or 'off', got '" + v + "'; no limit is set");
            return null;
        }
    }

    /** For %cell_timeout: sets the limit (null = none) and returns what to print. */
    @Override
    public String setCellTimeLimit(java.time.Duration limit) {
        cellTimeLimit = limit;
        return limit == null ? "No cell time limit." : "Cells running longer than " + seconds(limit) + " are stopped.";
    }

    private static int lines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    private SessionHistory history() {
        return (SessionHistory) historyManager;
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> request) {
        HistoryRequest req = request.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (req.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> entries = switch (req) {
            case HistoryRequest.Tail t -> history().lookupTail(t.getMaxReturnLength(), flags);
            case HistoryRequest.Range r -> history().lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            case HistoryRequest.Search q -> {
                if (q.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
                yield history().search(q.getPattern(), q.getMaxReturnLength(), flags);
            }
            default -> List.of();
        };
        env.reply(historyReply(request, new Replies.History(entries)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<?> historyReply(Message<HistoryRequest> request, Replies.History content) {
        return new Message(request, MessageType.HISTORY_REPLY, content);
    }

    // ----------------------------------------------------------------------------------- display

    DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : renderer.render(value);
    }

    String displayNow(Object value, String displayId) {
        CellOutput cell = output.currentCell();
        if (cell == null) throw new IllegalStateException("display() needs a running cell");
        output.flush(); // text printed before the display call comes first
        DisplayData data = new DisplayData(render(value));
        String id = displayId != null ? displayId : UUID.randomUUID().toString();
        data.setDisplayId(id);
        if (displayId == null) {
            connection.getIOPub().sendMessage(new Message<>(cell.request(), PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(data)));
        } else {
            connection.getIOPub().sendMessage(new Message<>(cell.request(), PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(data)));
        }
        return id;
    }

    void clearOutput(boolean wait) {
        CellOutput cell = output.currentCell();
        if (cell == null) return;
        output.flush();
        connection.getIOPub().sendMessage(new Message<>(cell.request(), PublishClearOutput.MESSAGE_TYPE,
                wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW));
    }

    // ----------------------------------------------------------------------- kernel base methods

    @Override
    public Object evalRaw(String source) {
        try {
            return executeCell(source, executionCount.get());
        } catch (CellError e) {
            throw new RuntimeException(e.getMessage());
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        var sca = jshell().sourceCodeAnalysis();
        var docs = sca.documentation(code, at, true);
        if (docs.isEmpty() && at > 0 && at <= code.length() && Character.isJavaIdentifierPart(code.charAt(at - 1))) {
            // The cursor at the end of a method name ("Math.abs|"): JShell documents calls, so ask as for "Math.abs(|".
            docs = sca.documentation(code.substring(0, at) + "(" + code.substring(at), at + 1, true);
        }
        if (docs.isEmpty()) return null;
        StringBuilder text = new StringBuilder();
        for (var doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null) text.append(doc.javadoc()).append('\n');
        }
        return new DisplayData(text.toString());
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        var suggestions = jshell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        List<String> options = new ArrayList<>(suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList());
        int start = anchor[0];
        // Package names (JShell's own index for them is off): "import java.util.con" -> concurrent.
        var packages = completion.packages().complete(code, at);
        if (!packages.names().isEmpty() && (options.isEmpty() || packages.start() == start)) {
            start = packages.start();
            for (String name : packages.names()) {
                if (!options.contains(name)) options.add(name);
            }
        }
        return new ReplacementOptions(options, start, at);
    }

    @Override
    public String isComplete(String code) {
        var sca = jshell().sourceCodeAnalysis();
        var info = sca.analyzeCompletion(code);
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI -> {
                // Complete is not the same as valid: "int 1x = 3;" ends fine but does not parse.
                boolean erroneous = sca.sourceToSnippets(info.source()).stream().anyMatch(sn -> sn.kind() == Snippet.Kind.ERRONEOUS);
                if (erroneous) yield IS_COMPLETE_BAD;
                yield info.remaining().isBlank() ? IS_COMPLETE_YES : isComplete(info.remaining());
            }
            case EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        if (shell.isDone() && engine.control() != null) engine.control().stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        interrupt();
        super.onShutdown(isRestarting);
    }

    private static String version() {
        String v = JavaKernel.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }
}
