package concurrencylab.kernel.display;

import concurrencylab.kernel.output.CellOutput;
import concurrencylab.kernel.output.OutputRouter;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import concurrencylab.spi.LiveDisplay;
import concurrencylab.widget.Widget;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Displays in the cell that is running (or, from a thread a cell started, in that cell): a value
 * rendered as the kernel renders a cell's result ({@link Renderers}), a display updated in place by
 * its id, a cleared output. It is the kernel's side of the library's {@link LiveDisplay}, and what
 * {@code display(x)} in a cell calls.
 *
 * <pre>{@code
 * String id = display.show(Charts.wallTimes(results));   // display_data, with a new display id
 * display.update(id, Charts.wallTimes(moreResults));      // update_display_data
 * }</pre>
 */
public final class CellDisplay implements LiveDisplay {
    private static final Gson GSON = new Gson();
    /** {@code type/subtype}, the subtype possibly {@code *} or with a suffix: text/html, image/svg+xml, text/*. */
    private static final Pattern MIME_TYPE = Pattern.compile("[A-Za-z0-9][\\w.+-]*/(\\*|[A-Za-z0-9][\\w.+-]*)");
    private static volatile CellDisplay forCells;

    private final JupyterSocket iopub;
    private final OutputRouter output;
    private final Renderer renderer;

    public CellDisplay(JupyterSocket iopub, OutputRouter output, Renderer renderer) {
        this.iopub = iopub;
        this.output = output;
        this.renderer = renderer;
    }

    /** Makes this the display that {@code display(x)} in a cell shows in (the kernel, as it starts). */
    public void useForCells() {
        forCells = this;
    }

    /** The display cells show in; outside the kernel there is none. */
    public static CellDisplay forCells() {
        CellDisplay d = forCells;
        if (d == null) throw new IllegalStateException("display() works only in a notebook run by the Concurrency Lab kernel");
        return d;
    }

    /** {@code value} in the MIME types it renders to: a chart as PNG, a table as HTML, a widget as its view, text for all. */
    public DisplayData render(Object value) {
        if (value instanceof DisplayData d) return d;
        if (value instanceof Widget w) {
            return WidgetView.bundle(w.id(), w + " (the controls need JupyterLab with ipywidgets 8)", List.of());
        }
        return renderer.render(value);
    }

    /**
     * Shows widget {@code modelId} in the running cell (or the output area a callback writes to), with
     * {@code note} and {@code fallback} (nbformat outputs) for frontends without widgets; with a
     * {@code displayId}, replaces that display. Returns the display id.
     */
    public String showWidget(String modelId, String note, List<Map<String, Object>> fallback, String displayId) {
        return publish(WidgetView.bundle(modelId, note, fallback), displayId);
    }

    /**
     * {@code value} rendered as the MIME types asked for, as IJava's {@code render(o, as...)}: text/plain
     * always, a type the value has no rendering for left out. A type not written {@code type/subtype} is an
     * error naming it.
     */
    public DisplayData render(Object value, String... mimeTypes) {
        if (mimeTypes == null || mimeTypes.length == 0) return render(value);
        for (String type : mimeTypes) {
            if (type == null || !MIME_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException((type == null ? "null" : "'" + type + "'")
                        + " is not a MIME type: give type/subtype, such as text/html, text/markdown or image/svg+xml");
            }
        }
        return renderer.renderAs(value instanceof DisplayData d ? d.getData(MIMEType.TEXT_PLAIN) : value, mimeTypes);
    }

    /** Shows {@code value} in the cell now and returns its display id. */
    @Override
    public String show(Object value) {
        return publish(render(value), null);
    }

    /** Shows {@code value} rendered as {@code mimeTypes} ({@link #render(Object, String...)}) and returns its display id. */
    public String show(Object value, String... mimeTypes) {
        return publish(render(value, mimeTypes), null);
    }

    /** Replaces what is shown under {@code displayId} with {@code value}. */
    @Override
    public void update(String displayId, Object value) {
        publish(render(value), requireId(displayId));
    }

    /** Replaces what is shown under {@code displayId} with {@code value} rendered as {@code mimeTypes}. */
    public void update(String displayId, Object value, String... mimeTypes) {
        publish(render(value, mimeTypes), requireId(displayId));
    }

    private static String requireId(String displayId) {
        if (displayId == null || displayId.isBlank()) {
            throw new IllegalArgumentException("updateDisplay needs the id display(...) returned, not " + (displayId == null ? "null" : "'" + displayId + "'"));
        }
        return displayId;
    }

    /** Shows markdown, with {@code plain} for frontends that read only text. */
    public void markdown(String markdown, String plain) {
        DisplayData data = new DisplayData(plain);
        data.putData(MIMEType.TEXT_MARKDOWN, markdown);
        show(data);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public void clearOutput(boolean wait) {
        CellOutput cell = output.currentCell();
        if (cell == null) return;
        output.flush();
        if (cell.area() != null) {
            cell.area().clear(wait);
            return;
        }
        iopub.sendMessage(new Message<>(cell.request(), PublishClearOutput.MESSAGE_TYPE,
                wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW));
    }

    private String publish(DisplayData rendered, String displayId) {
        CellOutput cell = output.currentCell();
        if (cell == null) throw new IllegalStateException("display() needs a running cell");
        output.flush(); // text printed before the display call comes first
        String id = displayId != null ? displayId : UUID.randomUUID().toString();
        if (cell.area() != null) { // a widget's callback: into its output area
            JsonObject bundle = GSON.toJsonTree(rendered).getAsJsonObject();
            cell.area().display(id, Json.toMap(bundle.get("data")), Json.toMap(bundle.get("metadata")));
            return id;
        }
        DisplayData data = new DisplayData(rendered);
        data.setDisplayId(id);
        if (displayId == null) {
            iopub.sendMessage(new Message<>(cell.request(), PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(data)));
        } else {
            iopub.sendMessage(new Message<>(cell.request(), PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(data)));
        }
        return id;
    }
}
