package concurrencylab.kernel.display;

import concurrencylab.kernel.output.CellOutput;
import concurrencylab.kernel.output.OutputRouter;
import concurrencylab.spi.LiveDisplay;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.UUID;

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

    /** {@code value} in the MIME types it renders to: a chart as PNG, a table as HTML, text for all. */
    public DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : renderer.render(value);
    }

    /** Shows {@code value} in the cell now and returns its display id. */
    @Override
    public String show(Object value) {
        return publish(value, null);
    }

    /** Replaces what is shown under {@code displayId} with {@code value}. */
    @Override
    public void update(String displayId, Object value) {
        publish(value, displayId);
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
        iopub.sendMessage(new Message<>(cell.request(), PublishClearOutput.MESSAGE_TYPE,
                wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW));
    }

    private String publish(Object value, String displayId) {
        CellOutput cell = output.currentCell();
        if (cell == null) throw new IllegalStateException("display() needs a running cell");
        output.flush(); // text printed before the display call comes first
        DisplayData data = new DisplayData(render(value));
        String id = displayId != null ? displayId : UUID.randomUUID().toString();
        data.setDisplayId(id);
        if (displayId == null) {
            iopub.sendMessage(new Message<>(cell.request(), PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(data)));
        } else {
            iopub.sendMessage(new Message<>(cell.request(), PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(data)));
        }
        return id;
    }
}
