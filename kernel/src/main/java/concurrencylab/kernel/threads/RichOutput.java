package concurrencylab.kernel.threads;

import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.Set;

/**
 * What the thread microscope shows: one rich form (an HTML table, an SVG drawing) and its plain-text
 * twin, which is also its {@link #toString()}: frontends and tests that read only text, and the
 * tracebacks, get the same facts. The kernel's display renders it like any value.
 */
abstract class RichOutput implements DisplayDataRenderable {

    /** The rich form's MIME type. */
    abstract MIMEType richType();

    /** The rich form. */
    abstract String rich();

    /** The plain-text form. */
    @Override
    public abstract String toString();

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(richType());
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, this::toString);
        context.renderIfRequested(richType(), this::rich);
    }

    /** Text made safe for HTML and SVG. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code 12.3 ms}: a duration in the unit that reads best. */
    static String duration(long nanos) {
        if (nanos < 1_000_000) return String.format("%.2f ms", nanos / 1e6);
        if (nanos < 10_000_000_000L) return String.format("%.1f ms", nanos / 1e6).replace(".0 ms", " ms");
        return String.format("%.1f s", nanos / 1e9);
    }
}
