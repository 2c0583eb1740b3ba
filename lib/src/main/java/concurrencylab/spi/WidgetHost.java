package concurrencylab.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The kernel's side of Jupyter widgets: a comm per widget model to the frontend's widget manager
 * (target {@code jupyter.widget}, protocol 2.1), the widget shown in a cell, and callbacks run as cells
 * run. The Concurrency Lab kernel installs one ({@link KernelServices#widgetHost()}); outside it there
 * is none, and {@code concurrencylab.widget} keeps its widgets' state in memory only.
 *
 * <pre>{@code
 * WidgetHost host = KernelServices.widgetHost();
 * String id = host.open(slider);                       // comm_open with the slider's full state
 * host.update(id, Map.of("value", 8));                 // comm_msg {method: "update"}
 * host.show(boxId, "the controls need JupyterLab", List.of(), null);   // display_data in the cell
 * }</pre>
 */
public interface WidgetHost {

    /** Opens the frontend's side of {@code widget} with its full state; returns the comm id, which is the model id. */
    String open(WidgetPeer widget);

    /** Sends changed state to the frontend ({@code update}). */
    void update(String id, Map<String, Object> changes);

    /** Closes the widget's comm: its views disappear and messages for it are ignored. */
    void close(String id);

    /**
     * Shows widget {@code id} in the running cell: frontends with a widget manager show the widget;
     * others show {@code fallback} (nbformat outputs: streams, displays, errors) after the one line
     * {@code note}. With a {@code displayId} from an earlier call, replaces that display. Returns the display id.
     */
    String show(String id, String note, List<Map<String, Object>> fallback, String displayId);

    /**
     * Runs {@code body} now, on the calling thread (a cell's), with everything it and the threads it
     * starts print or display going to {@code output}, and its value shown there. Returns the value;
     * the body's exception is thrown as is.
     */
    Object runShowingIn(OutputArea output, Callable<?> body) throws Exception;

    /**
     * Queues {@code callback} to run as a cell runs: one at a time and never during a cell, on a thread
     * of its own that an interrupt and {@code %cell_timeout} stop, its output in its output area. A
     * callback of the same {@code owner} that has not started yet is dropped: only the newest runs.
     */
    void schedule(Object owner, WidgetCallback callback);

    /** Stops the callback of {@code owner} that is running, if one is; the next one queued then starts. */
    void stop(Object owner);
}
