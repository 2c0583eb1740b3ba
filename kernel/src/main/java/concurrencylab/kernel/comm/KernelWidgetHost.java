package concurrencylab.kernel.comm;

import com.google.gson.JsonObject;
import concurrencylab.kernel.cell.CellError;
import concurrencylab.kernel.cell.CellRunner;
import concurrencylab.kernel.display.CellDisplay;
import concurrencylab.kernel.display.Json;
import concurrencylab.kernel.output.CellOutput;
import concurrencylab.kernel.output.OutputRouter;
import concurrencylab.spi.OutputArea;
import concurrencylab.spi.WidgetCallback;
import concurrencylab.spi.WidgetHost;
import concurrencylab.spi.WidgetPeer;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.comm.CommTarget;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The kernel's side of Jupyter widgets ({@link WidgetHost}, installed for the library): a comm per
 * widget model on target {@code jupyter.widget} with the widget message protocol 2.1 ({@code update},
 * {@code request_state}, {@code custom}, {@code echo_update}), the control target that answers a
 * reconnecting frontend's {@code request_states}, widgets shown in cells, and callbacks run as cells run.
 *
 * <p>A frontend's {@code update} is handled on the shell thread at once: the widget accepts, clamps or
 * refuses each value, the accepted ones are echoed ({@code echo_update}), corrected ones sent back
 * ({@code update}), and a refusal is one line on stderr, never a traceback. What the change starts (an
 * interact's run) is queued: callbacks run on a thread of their own, one at a time and never during a
 * cell ({@link CellRunner#runCallback}), so the shell keeps reading the frontend's messages, the Stop
 * button's included, while one runs.
 *
 * <pre>{@code
 * var host = new KernelWidgetHost(commManager, iopub, output, display, runner);
 * KernelServices.installWidgetHost(host);
 * commManager.registerTarget("jupyter.widget.control", host.controlTarget());
 * }</pre>
 */
public final class KernelWidgetHost implements WidgetHost {
    private static final Map<String, Object> PROTOCOL = Map.of("version", "2.1.0");

    private final CommManager comms;
    private final JupyterSocket iopub;
    private final OutputRouter output;
    private final CellDisplay display;
    private final CellRunner runner;
    private final CallbackQueue queue = new CallbackQueue();
    /** The frontend's message the shell thread is handling, the parent of what that sends. */
    private final ThreadLocal<MessageContext> handling = new ThreadLocal<>();
    /** The request the last interact run came from, when no other parent is known. */
    private volatile MessageContext lastRequest;

    public KernelWidgetHost(CommManager comms, JupyterSocket iopub, OutputRouter output, CellDisplay display, CellRunner runner) {
        this.comms = comms;
        this.iopub = iopub;
        this.output = output;
        this.display = display;
        this.runner = runner;
    }

    /** The target for {@code jupyter.widget.control}, which a widget manager opens as it connects. */
    public CommTarget controlTarget() {
        return (manager, id, target, message) -> new ControlComm(manager, id, this);
    }

    // ---------------------------------------------------------------------------- kernel -> frontend

    @Override
    public String open(WidgetPeer widget) {
        String id = UUID.randomUUID().toString().replace("-", "");
        WidgetComm comm = new WidgetComm(comms, id, widget, this);
        comms.registerComm(comm); // before the frontend can answer
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", widget.state());
        data.put("buffer_paths", List.of());
        iopub.sendMessage(new Message<>(parent(), CommOpenCommand.MESSAGE_TYPE,
                new CommOpenCommand(id, WidgetComm.TARGET, Json.object(data)), null, PROTOCOL));
        return id;
    }

    @Override
    public void update(String id, Map<String, Object> changes) {
        if (comms.getCommByID(id) == null) return; // closed
        send(id, "update", changes, parent());
    }

    @Override
    public void close(String id) {
        Comm comm = comms.unregisterComm(id);
        if (comm == null) return;
        iopub.sendMessage(new Message<>(parent(), CommCloseCommand.MESSAGE_TYPE, new CommCloseCommand(id, new JsonObject())));
    }

    private void send(String id, String method, Map<String, Object> state, MessageContext parent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", method);
        data.put("state", state);
        data.put("buffer_paths", List.of());
        iopub.sendMessage(new Message<>(parent, CommMsgCommand.MESSAGE_TYPE, new CommMsgCommand(id, Json.object(data)), null, PROTOCOL));
    }

    /** The parent of a message the kernel sends now: the frontend's message being handled, else the cell or callback this thread runs for. */
    private MessageContext parent() {
        MessageContext m = handling.get();
        if (m != null) return m;
        CellOutput cell = output.currentCell();
        return cell != null ? cell.request() : lastRequest;
    }

    // ---------------------------------------------------------------------------- frontend -> kernel

    /** A frontend's message to a widget's comm. */
    void received(WidgetComm comm, Message<CommMsgCommand> message) {
        handling.set(message);
        try {
            Map<String, Object> data = Json.toMap(message.getContent().getData());
            switch (String.valueOf(data.get("method"))) {
                case "update" -> {
                    Map<String, Object> state = data.get("state") instanceof Map<?, ?> ? Json.toMap(message.getContent().getData().get("state")) : Map.of();
                    WidgetPeer.Received r = comm.widget().receive(state);
                    if (!r.accepted().isEmpty()) send(comm.getID(), "echo_update", r.accepted(), message);
                    if (!r.corrected().isEmpty()) send(comm.getID(), "update", r.corrected(), message);
                    for (String note : r.notes()) note(message, note);
                }
                case "request_state" -> send(comm.getID(), "update", comm.widget().state(), message);
                case "custom" -> comm.widget().custom(data.get("content") instanceof Map<?, ?>
                        ? Json.toMap(message.getContent().getData().get("content")) : Map.of());
                default -> note(message, "widget " + comm.getID() + ": unknown method '" + data.get("method") + "'; ignored");
            }
        } catch (RuntimeException e) {
            note(message, "widget " + comm.getID() + ": " + e.getMessage());
        } finally {
            handling.remove();
        }
    }

    /** {@code request_states} on the control comm: every live widget's state, in one {@code update_states}. */
    void controlRequest(ControlComm control, Message<CommMsgCommand> message) {
        Map<String, Object> data = Json.toMap(message.getContent().getData());
        if (!"request_states".equals(data.get("method"))) {
            note(message, "jupyter.widget.control: unknown method '" + data.get("method") + "'; ignored");
            return;
        }
        Map<String, Object> states = new LinkedHashMap<>();
        for (Comm c : comms) {
            if (c instanceof WidgetComm w) {
                Map<String, Object> state = w.widget().state();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("model_name", state.get("_model_name"));
                entry.put("model_module", state.get("_model_module"));
                entry.put("model_module_version", state.get("_model_module_version"));
                entry.put("state", state);
                states.put(w.getID(), entry);
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("method", "update_states");
        reply.put("states", states);
        reply.put("buffer_paths", List.of());
        iopub.sendMessage(new Message<>(message, CommMsgCommand.MESSAGE_TYPE, new CommMsgCommand(control.getID(), Json.object(reply))));
    }

    /** One line on stderr under the frontend's message (JupyterLab shows it in its log console). */
    private void note(MessageContext parent, String line) {
        iopub.sendMessage(new Message<>(parent, PublishStream.MESSAGE_TYPE, new PublishStream(PublishStream.StreamType.ERR, line + "\n")));
    }

    // ---------------------------------------------------------------------------- display and runs

    @Override
    public String show(String id, String note, List<Map<String, Object>> fallback, String displayId) {
        return display.showWidget(id, note, fallback, displayId);
    }

    @Override
    public Object runShowingIn(OutputArea area, Callable<?> body) throws Exception {
        CellOutput cell = output.currentCell();
        if (cell == null) throw new IllegalStateException("a widget shows its output only while a cell runs");
        CellOutput routed = new CellOutput(cell.request(), cell.executionCount(), area);
        CellOutput before = output.route(routed);
        try {
            Object value = body.call();
            if (value != null) display.show(value);
            return value;
        } finally {
            output.cellFinished(routed);
            output.restore(before);
        }
    }

    @Override
    public void schedule(Object owner, WidgetCallback callback) {
        MessageContext parent = parent();
        lastRequest = parent;
        queue.submit(owner, () -> run(owner, callback, parent));
    }

    @Override
    public void stop(Object owner) {
        runner.interruptCallback(owner);
    }

    /** Runs one callback as a cell runs, its output in its area, under the request that asked for it. */
    private void run(Object owner, WidgetCallback callback, MessageContext parent) {
        OutputArea area = callback.output();
        CellOutput cell = new CellOutput(parent, 0, area);
        CellOutput before = output.route(cell);
        WidgetCallback.Ending ending = WidgetCallback.Ending.DONE;
        long t0 = System.nanoTime();
        try {
            callback.starting();
            runner.runCallback(owner, () -> {
                Object value = callback.call();
                if (value != null) display.show(value);
                return value;
            });
        } catch (CellError e) {
            ending = switch (e.ename()) {
                case "Interrupted" -> WidgetCallback.Ending.INTERRUPTED;
                case "TimeLimitExceeded" -> WidgetCallback.Ending.TIME_LIMIT;
                default -> WidgetCallback.Ending.FAILED;
            };
            output.flush();
            // Stopped by the user: the status line says so. Failed or over the time limit: the error says why.
            if (ending != WidgetCallback.Ending.INTERRUPTED) area.error(e.ename(), e.evalue(), e.traceback());
        } catch (RuntimeException | Error e) {
            ending = WidgetCallback.Ending.FAILED;
            area.error(e.getClass().getName(), String.valueOf(e.getMessage()), List.of("Internal kernel error: " + e));
        } finally {
            output.cellFinished(cell);
            callback.ended(ending, Duration.ofNanos(System.nanoTime() - t0)); // its updates still under the run's request
            output.restore(before);
        }
    }
}
