package concurrencylab.widget;

import concurrencylab.spi.OutputArea;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An output area ({@code OutputModel} of {@code @jupyter-widgets/output}): what a widget's callback
 * prints and displays, kept in the widget's {@code outputs} (nbformat outputs) and sent to the frontend
 * as they change, so every view of it, and a page reloaded, shows the same. {@link Widgets#interact}
 * shows its function's results in one.
 *
 * <pre>{@code
 * var out = Widgets.output();
 * out.stream("stdout", "hello\n");
 * out.clear(true);                  // the next output replaces everything
 * }</pre>
 */
public final class Output extends DomWidget implements OutputArea {
    private final List<Map<String, Object>> outputs = new ArrayList<>(); // guarded by this
    private final Map<String, Integer> displays = new HashMap<>();       // display id -> index in outputs
    private boolean clearPending;

    Output() {
        super("OutputModel", OUTPUT, "OutputView");
        attribute("msg_id", "");
        attribute("outputs", List.of());
    }

    @Override
    public synchronized void stream(String name, String text) {
        clearIfPending();
        Map<String, Object> last = outputs.isEmpty() ? null : outputs.getLast();
        if (last != null && "stream".equals(last.get("output_type")) && name.equals(last.get("name"))) {
            outputs.set(outputs.size() - 1, output("stream", "name", name, "text", last.get("text") + text));
        } else {
            outputs.add(output("stream", "name", name, "text", text));
        }
        publish();
    }

    @Override
    public synchronized void display(String displayId, Map<String, Object> data, Map<String, Object> metadata) {
        Map<String, Object> shown = output("display_data", "data", Map.copyOf(data), "metadata", metadata == null ? Map.of() : Map.copyOf(metadata));
        Integer at = displayId == null ? null : displays.get(displayId);
        if (at != null && !clearPending) {
            outputs.set(at, shown);
        } else {
            clearIfPending();
            if (displayId != null) displays.put(displayId, outputs.size());
            outputs.add(shown);
        }
        publish();
    }

    @Override
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        clearIfPending();
        outputs.add(output("error", "ename", ename, "evalue", evalue, "traceback", List.copyOf(traceback)));
        publish();
    }

    @Override
    public synchronized void clear(boolean wait) {
        if (wait) {
            clearPending = true;
        } else {
            clearPending = true;
            clearIfPending();
            publish();
        }
    }

    /** Ends a {@code clear(true)} that no output followed: the area empties now. */
    public synchronized void settle() {
        if (clearPending) clear(false);
    }

    /** What the area shows, as nbformat outputs. */
    public synchronized List<Map<String, Object>> outputs() {
        return List.copyOf(outputs);
    }

    private void clearIfPending() {
        if (!clearPending) return;
        clearPending = false;
        outputs.clear();
        displays.clear();
    }

    private void publish() {
        set("outputs", List.copyOf(outputs));
    }

    private static Map<String, Object> output(String type, Object... keysAndValues) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("output_type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) o.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return o;
    }

    @Override
    Object accept(String name, Object raw) {
        // A frontend that captured output by msg_id reports it back; the kernel never sets msg_id, so this is rare.
        if (name.equals("outputs") || name.equals("msg_id")) return raw;
        return super.accept(name, raw);
    }

    @Override
    public String toString() {
        return "Output";
    }
}
