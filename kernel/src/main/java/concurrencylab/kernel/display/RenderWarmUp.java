package concurrencylab.kernel.display;

import concurrencylab.chart.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Renders a small chart and a small table the way a cell's result is shown, and throws them away. Run
 * while the kernel is idle after its start ({@link concurrencylab.kernel.start.IdleWork}), it initialises
 * Java2D, the fonts, the PNG encoder and Tablesaw's writers before a lesson's first chart and table,
 * which would otherwise pay for that. It comes in short steps, so that a cell started meanwhile shares
 * the cores with one step at most.
 *
 * <pre>{@code
 * for (var step : RenderWarmUp.steps()) idleWork.whenIdle(step::render);
 * }</pre>
 */
public final class RenderWarmUp {
    private RenderWarmUp() {}

    /** The steps, in order: text drawn and encoded as PNG, a bar chart, a line chart, a table as HTML and text. */
    public static List<Step> steps() {
        return List.of(
                new Step("java2d", () -> {
                    var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
                    var g = image.createGraphics();
                    g.drawString("x", 1, 7); // loads the fonts
                    g.dispose();
                    var png = new ByteArrayOutputStream();
                    try {
                        ImageIO.write(image, "png", png);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return png.size();
                }),
                // The library's own charts: their projector styling and fonts are part of a first chart's cost.
                new Step("bar chart", () -> Renderers.pngBase64(Charts.bars("warm-up", "ms", Map.of("a", 1.0, "b", 2.0))).length()),
                new Step("line chart", () -> Renderers.pngBase64(Charts.lines("warm-up", "x", "y", new double[]{1, 2},
                        Map.of("line", new double[]{1, 2}), false)).length()),
                new Step("table", () -> {
                    Table table = Table.create("warm-up", StringColumn.create("strategy", "sequential"),
                            IntColumn.create("workers", 1), DoubleColumn.create("wall (s)", 0.5));
                    return Renderers.html(table).length() + table.printAll().length();
                }));
    }

    /** One step: {@link #render()} renders and returns the size of what it made (PNG bytes, Base64, HTML, text). */
    public record Step(String name, IntSupplier renderer) {
        public int render() {
            return renderer.getAsInt();
        }
    }
}
