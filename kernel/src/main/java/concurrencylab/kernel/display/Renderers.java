package concurrencylab.kernel.display;

import concurrencylab.chart.Charts;
import concurrencylab.measure.Progress;
import concurrencylab.workload.TaskRecord;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * How the kernel shows the library's objects: an XChart chart as a PNG image, a Tablesaw table as
 * an HTML table, a measurement's live view as its lines and the timeline of its last timed run, each
 * with a text/plain form for frontends (and tests) that read only text.
 */
public final class Renderers {
    private Renderers() {}

    public static void registerAll(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(chart));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "chart: " + chart.getTitle());
                });
        // A measurement's live view: its lines, and while it runs the last timed run as a timeline (measure.Progress).
        renderer.createRegistration(Progress.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((progress, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, progress::toString);
                    if (progress.hasTimeline()) ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> progressHtml(progress));
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, table::printAll);
                });
    }

    static String pngBase64(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The timeline last drawn for a live view, by its tasks list: a new line under the same timeline does not draw it again. */
    private record Drawn(List<TaskRecord> tasks, String png) {}

    private static volatile Drawn lastTimeline;

    /** The lines as preformatted text, the timeline under them as an inline PNG (one display, updated in place). */
    static String progressHtml(Progress progress) {
        Drawn drawn = lastTimeline;
        if (drawn == null || drawn.tasks() != progress.tasks()) {
            XYChart chart = Charts.timeline(progress.title(), progress.tasks(), progress.idealBound());
            lastTimeline = drawn = new Drawn(progress.tasks(), pngBase64(chart));
        }
        return "<pre>" + escape(progress.toString()) + "</pre>\n<img alt=\"" + escape(progress.title()) + "\" style=\"max-width:100%\""
                + " src=\"data:image/png;base64," + drawn.png() + "\"/>";
    }

    static String html(Table table) {
        StringWriter html = new StringWriter();
        new HtmlWriter().write(table, HtmlWriteOptions.builder(new Destination(html)).build());
        String caption = table.name() == null || table.name().isBlank() ? "" : "<p><b>" + escape(table.name()) + "</b></p>\n";
        return caption + html;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
