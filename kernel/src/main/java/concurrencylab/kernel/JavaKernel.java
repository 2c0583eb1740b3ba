package concurrencylab.kernel;

import concurrencylab.kernel.cell.CellError;
import concurrencylab.kernel.cell.CellRunner;
import concurrencylab.kernel.comm.KernelCommManager;
import concurrencylab.kernel.comm.KernelWidgetHost;
import concurrencylab.kernel.completion.Completer;
import concurrencylab.kernel.display.CellDisplay;
import concurrencylab.kernel.display.Renderers;
import concurrencylab.kernel.exec.CellClassSource;
import concurrencylab.kernel.magic.Magic;
import concurrencylab.kernel.output.CellOutput;
import concurrencylab.kernel.output.OutputRouter;
import concurrencylab.kernel.start.IdleWork;
import concurrencylab.kernel.start.ShellStart;
import concurrencylab.spi.KernelServices;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Concurrency Lab kernel on the Jupyter protocol: requests in, replies and IOPub messages out, as
 * ipykernel's {@code kernelbase.py} is to the language in {@code ipkernel.py}. The language side is
 * elsewhere: cells run in {@link CellRunner} (Java 25 by JShell, in the kernel's JVM, and magics),
 * completion and inspection in {@link Completer}, displays in {@link CellDisplay}, the output of every
 * thread in {@link OutputRouter}. The protocol library ({@code jjava-jupyter}) dispatches the messages.
 *
 * <pre>{@code
 * var kernel = new JavaKernel(connection, ShellStart.begin(log::warn));   // see KernelMain
 * kernel.becomeHandlerForConnection(connection);
 * }</pre>
 */
public final class JavaKernel extends BaseKernel {
    /** Characters of output one cell may print before the rest is dropped and counted. */
    private static final long OUTPUT_CAP_PER_CELL = 2_000_000;

    private final OutputRouter output;
    private final CellDisplay display;
    private final CellRunner runner;
    private final Completer completer;
    /** Work done only while no request is served (reading package names, warming the renderers). */
    private final IdleWork idleWork;

    /** A kernel evaluating cells with the JShell {@code start} brings (begun before anything else, see KernelMain). */
    public JavaKernel(JupyterConnection connection, ShellStart start) {
        super("concurrency-lab", version(), languageInfo(), List.of(
                        new HelpLink("Java 25 API", "https://docs.oracle.com/en/java/javase/25/docs/api/")),
                new SessionHistory(), new JupyterIO(StandardCharsets.UTF_8), new KernelCommManager(), new Renderer(), null, null, false,
                new StringStyler.Builder().build());
        this.idleWork = start.idleWork();
        this.output = new OutputRouter(connection.getIOPub(), OUTPUT_CAP_PER_CELL);
        this.display = new CellDisplay(connection.getIOPub(), output, renderer);
        this.runner = new CellRunner(start, display);
        this.completer = new Completer(start::join, start.completion());
        Renderers.registerAll(renderer);
        display.useForCells();
        // The library's side of the contract (concurrencylab.spi): cell classes for worker JVMs, progress shown in place.
        KernelServices.install(new CellClassSource(start.engine()), display);
        // Widgets: comms per model (jupyter.widget), the control target a reconnecting frontend opens,
        // callbacks run as cells run.
        KernelWidgetHost widgets = new KernelWidgetHost(commManager, connection.getIOPub(), output, display, runner);
        commManager.registerTarget("jupyter.widget.control", widgets.controlTarget());
        KernelServices.installWidgetHost(widgets);
    }

    /** Routes {@code System.out} and {@code System.err} of every thread to the notebook. */
    public void captureStandardStreams() {
        System.setOut(output.out());
        System.setErr(output.err());
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
        String asked = HelpRequest.subject(req.getCode());
        if (asked != null) {
            output.cellFinished(cell);
            if (req.shouldStoreHistory()) history().record(count, req.getCode(), "");
            DisplayData doc = completer.inspect(asked, asked.length());
            if (doc == null) {
                replyError(env, count, "NoDocumentation", asked, List.of("No documentation for " + asked
                        + ": ask with a class, a method or a variable the cells know (String?, Math.max?, list.add?)"));
            } else {
                env.defer().reply(new Replies.Paged(count, String.valueOf(doc.getData(MIMEType.TEXT_PLAIN))));
            }
            return;
        }
        try {
            Object value = runner.run(req.getCode(), count);
            output.cellFinished(cell);
            DisplayData shown = value != Magic.NO_VALUE && value != null && !req.isSilent() ? shown(value, count) : null;
            if (shown != null) env.publish(new PublishExecuteResult(count, shown));
            if (req.shouldStoreHistory()) {
                history().record(count, req.getCode(), shown == null ? "" : String.valueOf(shown.getData(MIMEType.TEXT_PLAIN)));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellError e) {
            output.cellFinished(cell);
            if (req.shouldStoreHistory()) history().record(count, req.getCode(), "");
            replyError(env, count, e.ename(), e.evalue(), e.traceback());
        } catch (RuntimeException | Error e) {
            output.cellFinished(cell);
            replyError(env, count, e.getClass().getName(), String.valueOf(e.getMessage()), List.of("Internal kernel error: " + e));
        }
    }

    /** The cell's value rendered; a value that cannot be drawn (a chart XChart refuses) is the cell's error. */
    private DisplayData shown(Object value, int count) throws CellError {
        try {
            return display.render(value);
        } catch (RuntimeException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new CellError(e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of("cell [" + count + "]: its value (" + value.getClass().getSimpleName() + ") could not be shown: " + what));
        }
    }

    private static void replyError(ShellReplyEnvironment env, int count, String ename, String evalue, List<String> traceback) {
        env.publish(new PublishError(ename, evalue, traceback));
        ErrorReply reply = new ErrorReply(ename, evalue, traceback);
        reply.setExecutionCount(count);
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    // ----------------------------------------------------------------------- kernel info, history

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

    private SessionHistory history() {
        return (SessionHistory) historyManager;
    }

    // ----------------------------------------------------------------------- kernel base methods

    @Override
    public Object evalRaw(String source) {
        try {
            return runner.run(source, executionCount.get());
        } catch (CellError e) {
            throw new RuntimeException(e.getMessage());
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return completer.inspect(code, at);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return completer.complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        return completer.isComplete(code);
    }

    @Override
    public void interrupt() {
        runner.interrupt();
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
