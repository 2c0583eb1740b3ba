package concurrencylab.chart;

import concurrencylab.Check;
import concurrencylab.measure.Measured;
import concurrencylab.measure.Results;
import concurrencylab.measure.Run;
import concurrencylab.measure.TaskCountSweep;
import concurrencylab.workload.Durations;
import concurrencylab.workload.TaskRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HorizontalBarChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The course's charts, built with XChart and styled to be read on a projector: large fonts, titles
 * that say what was measured and on how many cores (shrunk to fit the width, never cut), units on the
 * axes. Bars run horizontally, so that a strategy's full name ("CompletableFuture, common pool") reads
 * on one line at the left, with the value printed at the end of its bar; log axes are labelled with
 * plain numbers ("10,000", not "1E4") and span at least two labelled decades. In the notebook the last
 * expression of a cell that is a chart is shown as a PNG image.
 *
 * <pre>{@code
 * Charts.wallTimes(results);                          // bar per strategy, with the ideal bound
 * Charts.timeline(results.of(Strategies.fixedPool(4)));  // one row per worker: the waves
 * }</pre>
 */
public final class Charts {
    private Charts() {}

    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final int MIN_TITLE_SIZE = 15;
    private static final FontRenderContext TEXT = new FontRenderContext(null, true, true);
    static final Color MEASURED = new Color(0x1f77b4);
    static final Color IDEAL = new Color(0xbbbbbb);
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /**
     * Median wall time per strategy next to the workload's ideal bound for its number of workers, one
     * pair of horizontal bars per strategy, in the order measured (top to bottom).
     */
    public static HorizontalBarChart wallTimes(Results results) {
        List<String> names = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        List<Double> ideal = new ArrayList<>();
        for (Measured m : results.measured()) {
            names.add(m.name());
            measured.add(Durations.seconds(m.medianWall()));
            ideal.add(Durations.seconds(m.ideal()));
        }
        var chart = horizontalBars(results.workload() + ", " + results.cores() + " cores", "wall time (s), median",
                names, 2, measured, ideal);
        chart.addSeries("measured", measured, names).setFillColor(MEASURED);
        chart.addSeries("ideal bound", ideal, names).setFillColor(IDEAL);
        return chart;
    }

    /**
     * The median run of one strategy as a timeline: one row per worker thread, one bar per task from
     * its start to its end, and a dashed line at the ideal bound. Waves of tasks show as columns.
     */
    public static XYChart timeline(Measured measured) {
        Run run = measured.medianRun();
        long waves = Durations.waves(run.tasks().size(), Math.max(1, measured.workers()));
        long workers = run.tasks().stream().map(TaskRecord::worker).distinct().count();
        return timeline(measured.name() + ": " + run.tasks().size() + " tasks on " + workers
                + " workers (" + waves + (waves == 1 ? " wave" : " waves") + "), wall " + Durations.format(run.wall()),
                run.tasks(), measured.ideal());
    }

    /**
     * Any tasks as a timeline, one row per worker (a thread, a process...) and one bar per task;
     * {@code idealBound} draws a dashed line there, null for none.
     *
     * <pre>{@code
     * Charts.timeline("Consumers", records, null);
     * }</pre>
     */
    public static XYChart timeline(String title, List<TaskRecord> tasks, Duration idealBound) {
        List<String> workers = tasks.stream().map(TaskRecord::worker).distinct()
                .sorted(Comparator.comparing(Charts::naturalKey)).toList();
        var chart = new XYChart(WIDTH, Math.max(HEIGHT, 120 + 40 * workers.size()));
        chart.setTitle(title);
        chart.setXAxisTitle("time since start (s)");
        chart.setYAxisTitle(workers.size() == 1 ? "worker" : "workers");
        float barWidth = Math.max(4f, Math.min(24f, 300f / Math.max(1, workers.size())));
        int seriesCount = 0; // series names must be unique; a task may appear twice (two consumers, say)
        for (TaskRecord task : tasks) {
            double row = workers.indexOf(task.worker());
            XYSeries s = chart.addSeries("task " + task.index() + "#" + (seriesCount++),
                    new double[]{task.startNanos() / 1e9, task.endNanos() / 1e9}, new double[]{row, row});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(barWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            s.setLineColor(task.failed() ? Color.RED : PALETTE[task.index() % PALETTE.length]);
            s.setShowInLegend(false);
        }
        if (idealBound != null) {
            double ideal = Durations.seconds(idealBound);
            XYSeries bound = chart.addSeries("ideal bound " + Durations.format(idealBound),
                    new double[]{ideal, ideal}, new double[]{-0.5, workers.size() - 0.5});
            bound.setMarker(SeriesMarkers.NONE);
            bound.setLineColor(Color.DARK_GRAY);
            bound.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 6f}, 0f));
        }
        styleForProjector(chart);
        fitTitle(chart, widest(workers.stream().map(Charts::shortName).toList(), TICK_FONT) + 60);
        var styler = chart.getStyler();
        styler.setYAxisMin(-0.5);
        styler.setYAxisMax(workers.size() - 0.5);
        styler.setXAxisMin(0.0);
        styler.setXAxisDecimalPattern("0.0#");
        // Rows are workers, not quantities: each integer tick is labelled with its worker's name. Ticks
        // between rows get invisible labels (zero-width spaces), each different and under 20 characters:
        // XChart 4.0.3 keeps only the axis ends when two labels repeat, and none when one is longer.
        styler.setYAxisTickLabelsFormattingFunction(v -> {
            long row = Math.round(v);
            if (Math.abs(v - row) < 1e-9 && row >= 0 && row < workers.size()) return shortName(workers.get((int) row));
            return "\u200b".repeat(1 + Math.floorMod(Math.round(v * 10), 19));
        });
        // A tick per row: XChart picks its step from this hint, and a step of 1 puts every tick on a row.
        styler.setYAxisTickMarkSpacingHint(Math.max(24, (int) (0.8 * (chart.getHeight() - 140) / Math.max(1, workers.size()))));
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setLegendVisible(idealBound != null);
        return chart;
    }

    /**
     * One horizontal bar per label, for any measured quantity: cost per increment, lost updates, start-up
     * times. The labels read at the left in the order given, top to bottom, each value at its bar's end.
     *
     * <pre>{@code
     * Charts.bars("Cost per increment, 4 threads", "ns per increment", Map.of("synchronized", 21.0, "LongAdder", 2.4));
     * }</pre>
     */
    public static HorizontalBarChart bars(String title, String valueAxisTitle, Map<String, ? extends Number> values) {
        Check.notNull("values", values);
        if (values.isEmpty()) throw new IllegalArgumentException("values must hold at least one bar, got none");
        List<String> names = new ArrayList<>(values.keySet());
        List<Double> numbers = values.values().stream().map(n -> n == null ? 0.0 : n.doubleValue()).toList();
        var chart = horizontalBars(title, valueAxisTitle, names, 1, numbers);
        chart.addSeries(valueAxisTitle, numbers, names).setFillColor(MEASURED);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * {@link #bars} on a logarithmic value axis, for values decades apart: starting a thread (under a
     * millisecond) next to starting a JVM (hundreds). The axis starts at least a third below the smallest
     * value, on a power of ten, so that its bar shows, and ends far enough past the largest for its label.
     * (A bar chart's log axis is its X axis: the bars run horizontally.)
     *
     * <pre>{@code
     * Charts.logBars("Start and join 4 of each", "wall time (ms, log scale)", Map.of("4 threads", 0.9, "4 child JVMs", 1585.0));
     * }</pre>
     *
     * @throws IllegalArgumentException when a value is not positive, naming it: a log axis has no zero
     */
    public static HorizontalBarChart logBars(String title, String valueAxisTitle, Map<String, ? extends Number> values) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (var e : values.entrySet()) {
            double v = e.getValue() == null ? Double.NaN : e.getValue().doubleValue();
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("a log axis needs positive values, but " + e.getKey() + " is " + e.getValue());
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        var chart = bars(title, valueAxisTitle, values);
        var s = chart.getStyler();
        s.setXAxisLogarithmic(true);   // bars() labels its ticks and values with three significant digits
        if (values.isEmpty()) return chart;
        double low = decadeBelow(min / 3);
        double decades = Math.log10(Math.max(max, 10 * low) / low);
        s.setXAxisMin(low);
        s.setXAxisMax(max * Math.pow(10, 0.18 * decades));   // as bars(): room for the value printed after the longest bar
        return chart;
    }

    /**
     * Lines of y against x, one per name, on log axes when {@code logAxes}: a round trip against message
     * size, memory against thread count.
     *
     * <pre>{@code
     * Charts.lines("Pipe round trip", "message size (bytes)", "round trip (us)", sizes, Map.of("pipe", micros), true);
     * }</pre>
     */
    public static XYChart lines(String title, String xAxisTitle, String yAxisTitle, double[] x,
                                Map<String, double[]> series, boolean logAxes) {
        var chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xAxisTitle);
        chart.setYAxisTitle(yAxisTitle);
        int i = 0;
        for (var e : series.entrySet()) {
            Color color = PALETTE[i++ % PALETTE.length];
            XYSeries line = chart.addSeries(e.getKey(), x, e.getValue());
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineWidth(3f);
        }
        styleForProjector(chart);
        if (logAxes) {
            logAxes(chart, true, true);
        } else if (series.values().stream().flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0)) {
            chart.getStyler().setYAxisMin(0.0);   // from zero: a point's height reads as the quantity it is
        }
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);   // under the plot, never over a line
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /**
     * Speed-up against workers for a sweep ({@link concurrencylab.measure.Measurement#sweep}): the
     * measured speed-up over the first (smallest) worker count, the ideal speed-up from the workload's
     * bounds, and Amdahl's law fitted on top of the ideal.
     *
     * <p>The fit is {@code measured(k) = 1 / (s + (1 - s) / ideal(k))} ({@link Amdahl#speedUp}), with the
     * ideal speed-up where the textbook law has the worker count. The ideal already holds the workload's
     * floors (all the CPU work spread over the cores, the waves of waits), so {@code s} is not the job's
     * serial part: it is the fraction of the first run's time that behaved as if it could not run in
     * parallel at all, beyond what the bounds predict (starting threads, handing out tasks, contention).
     * A throughput floor lowers the ideal line; it does not raise {@code s}. The legend names it so.
     */
    public static XYChart speedUp(Results sweep) {
        List<Measured> points = sweep.measured();
        double base = Durations.seconds(points.getFirst().medianWall());
        double baseIdeal = Durations.seconds(points.getFirst().ideal());
        double[] workers = new double[points.size()];
        double[] measured = new double[points.size()];
        double[] ideal = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            Measured m = points.get(i);
            workers[i] = m.workers();
            measured[i] = base / Durations.seconds(m.medianWall());
            ideal[i] = baseIdeal / Math.max(1e-12, Durations.seconds(m.ideal()));
        }
        double serial = Amdahl.fitSerialFraction(ideal, measured);
        double[] fitted = new double[points.size()];
        for (int i = 0; i < points.size(); i++) fitted[i] = Amdahl.speedUp(serial, ideal[i]);
        var chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Speed-up: " + sweep.workload() + ", " + sweep.cores() + " cores");
        chart.setXAxisTitle("workers");
        chart.setYAxisTitle("speed-up over " + points.getFirst().name());
        XYSeries idealSeries = chart.addSeries("ideal", workers, ideal);
        idealSeries.setLineColor(IDEAL);
        idealSeries.setMarker(SeriesMarkers.NONE);
        idealSeries.setLineStyle(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 6f}, 0f));
        XYSeries fit = chart.addSeries(String.format("ideal with %.1f%% serial (Amdahl fit)", 100 * serial), workers, fitted);
        fit.setLineColor(new Color(0xff7f0e));
        fit.setMarker(SeriesMarkers.NONE);
        XYSeries meas = chart.addSeries("measured (median)", workers, measured);
        meas.setLineColor(MEASURED);
        meas.setMarkerColor(MEASURED);
        meas.setMarker(SeriesMarkers.CIRCLE);
        meas.setLineWidth(3f);
        styleForProjector(chart);
        chart.getStyler().setMarkerSize(12);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE); // the lines run high and to the right
        return chart;
    }

    /**
     * Median wall time against number of tasks, both on log axes, one line per strategy with its ideal
     * bound dashed in the same colour: a line that stays flat is a strategy whose workers outnumber the
     * tasks; a slope of one is a strategy that runs the tasks in waves.
     */
    public static XYChart timeVsTasks(TaskCountSweep.Points points) {
        List<Results> sizes = points.sizes();
        Results first = sizes.getFirst();
        var chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Time versus tasks: " + first.workload().replaceFirst("^\\d+ ", "") + ", " + first.cores() + " cores");
        chart.setXAxisTitle("tasks (log scale)");
        chart.setYAxisTitle("wall time (s), median, log scale");
        double[] tasks = sizes.stream().mapToDouble(Results::tasks).toArray();
        List<String> names = first.measured().stream().map(Measured::name).toList();
        for (int s = 0; s < names.size(); s++) {
            String name = names.get(s);
            double[] wall = sizes.stream().mapToDouble(r -> Durations.seconds(r.of(name).medianWall())).toArray();
            double[] ideal = sizes.stream().mapToDouble(r -> Math.max(1e-4, Durations.seconds(r.of(name).ideal()))).toArray();
            Color color = PALETTE[s % PALETTE.length];
            XYSeries measured = chart.addSeries(name, tasks, wall);
            measured.setLineColor(color);
            measured.setMarkerColor(color);
            measured.setMarker(SeriesMarkers.CIRCLE);
            measured.setLineWidth(3f);
            XYSeries bound = chart.addSeries(name + ", ideal", tasks, ideal);
            bound.setLineColor(color);
            bound.setMarker(SeriesMarkers.NONE);
            bound.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 6f}, 0f));
            bound.setShowInLegend(s == 0);
            if (s == 0) bound.setLabel("ideal bounds (dashed)");
        }
        styleForProjector(chart);
        logAxes(chart, true, true);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);   // under the plot, never over a line
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** Cores busy (CPU time / wall time) per strategy, next to the machine's core count. */
    public static HorizontalBarChart coresBusy(Results results) {
        List<String> names = results.measured().stream().map(Measured::name).toList();
        List<Double> busy = results.measured().stream().map(Measured::coresBusy).toList();
        List<Double> cores = names.stream().map(n -> (double) results.cores()).toList();
        var chart = horizontalBars("Cores busy: " + results.workload() + ", " + results.cores() + " cores",
                "cores busy (CPU time / wall time)", names, 2, busy, cores);
        chart.addSeries("cores busy", busy, names).setFillColor(MEASURED);
        chart.addSeries("cores on this machine", cores, names).setFillColor(IDEAL);
        return chart;
    }

    /** The chart as PNG bytes, as the notebook shows it. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void styleForProjector(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler s = chart.getStyler();
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setLegendFont(TICK_FONT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
        fitTitle(chart, 90);
    }

    /**
     * Shrinks the title font from 22 to at least 15 points until the title fits: XChart centres the
     * title over the plot, which starts {@code leftMargin} pixels in (the axis labels), so the title
     * has about the chart's width less that margin. It is one line: XChart cannot wrap it.
     */
    static void fitTitle(Chart<? extends AxesChartStyler, ?> chart, double leftMargin) {
        double room = chart.getWidth() - leftMargin - 24;
        Font font = TITLE_FONT;
        while (font.getSize() > MIN_TITLE_SIZE && textWidth(chart.getTitle(), font) > room) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        chart.getStyler().setChartTitleFont(font);
    }

    static double textWidth(String text, Font font) {
        return text == null || text.isEmpty() ? 0 : font.getStringBounds(text, TEXT).getWidth();
    }

    private static double widest(List<String> labels, Font font) {
        return labels.stream().mapToDouble(l -> textWidth(l, font)).max().orElse(0);
    }

    /**
     * A horizontal bar chart for {@code names} (top to bottom) with {@code seriesCount} bars per name:
     * tall enough for every bar, values printed just past each bar's end in dark text (readable on short
     * bars too), the value axis from 0 with room for those labels, numbers in a pattern fit for their size.
     */
    @SafeVarargs
    private static HorizontalBarChart horizontalBars(String title, String valueAxisTitle, List<String> names,
                                                      int seriesCount, List<Double>... values) {
        int bars = Math.max(1, names.size() * seriesCount);
        var chart = new HorizontalBarChart(WIDTH, Math.max(HEIGHT, 150 + 34 * bars));
        chart.setTitle(title);
        chart.setXAxisTitle(valueAxisTitle);
        styleForProjector(chart);
        fitTitle(chart, widest(names, TICK_FONT) + 30);
        var s = chart.getStyler();
        s.setXAxisMaxLabelCount(Math.max(2, names.size()));  // XChart 4.0.3 thins category labels by the X hint; it refuses fewer than 2
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        s.setLabelsVisible(true);
        s.setLabelsFont(LABEL_FONT);
        s.setLabelsRotation(0);
        s.setLabelsPosition(1.06);                           // above 1: just past the bar's end, in dark text
        s.setLabelsFontColorAutomaticEnabled(true);
        s.setXAxisMin(0.0);
        double max = 0, min = 0;
        for (List<Double> list : values) {
            for (Double d : list) {
                if (d == null || !Double.isFinite(d)) continue;
                max = Math.max(max, d);
                min = Math.min(min, d);
            }
        }
        double span = Math.max(max - min, 1e-9);
        s.setXAxisMin(min < 0 ? min - 0.2 * span : 0.0);     // a negative value (a measured drop) shows too
        s.setXAxisMax(max > 0 ? max + 0.18 * span : 1.0);    // room for the value printed after the longest bar
        // Axis ticks and the printed values: three significant digits each, 232,877 / 41.5 / 0.004, never 2.3E5.
        s.setXAxisTickLabelsFormattingFunction(Charts::threeDigits);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);   // under the plot: never over a bar or its value
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** {@code value} with three significant digits and thousands separators: 232,877 / 41.5 / 0.395 / 0. */
    static String threeDigits(double value) {
        if (value == 0 || !Double.isFinite(value)) return value == 0 ? "0" : String.valueOf(value);
        int decimals = Math.max(0, Math.min(9, 2 - (int) Math.floor(Math.log10(Math.abs(value)))));
        return new DecimalFormat("#,##0.#########").format(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
    }

    /** Log-axis labels as plain numbers: 10,000 and 0.01, not 1E4 and 1E-2. */
    static final Function<Double, String> PLAIN_NUMBER = v -> new DecimalFormat("#,##0.#########").format(v);

    /**
     * Log axes on an XY chart with plain-number labels; an axis whose data span less than two decades
     * is widened to whole decades, so that at least two of them carry a label (XChart labels only the
     * powers of ten).
     */
    private static void logAxes(XYChart chart, boolean x, boolean y) {
        var s = chart.getStyler();
        if (x) {
            s.setXAxisLogarithmic(true);
            s.setXAxisTickLabelsFormattingFunction(PLAIN_NUMBER);
            double[] r = range(chart, true);
            if (r != null && r[1] / r[0] < 100) { s.setXAxisMin(decadeBelow(r[0])); s.setXAxisMax(decadeAbove(r[0], r[1])); }
        }
        if (y) {
            s.setYAxisLogarithmic(true);
            s.setYAxisTickLabelsFormattingFunction(PLAIN_NUMBER);
            double[] r = range(chart, false);
            if (r != null && r[1] / r[0] < 100) { s.setYAxisMin(decadeBelow(r[0])); s.setYAxisMax(decadeAbove(r[0], r[1])); }
        }
    }

    private static double decadeBelow(double min) {
        return Math.pow(10, Math.floor(Math.log10(min)));
    }

    /** The power of ten at or above max, and at least one decade above min's decade. */
    private static double decadeAbove(double min, double max) {
        return Math.max(Math.pow(10, Math.ceil(Math.log10(max))), 10 * decadeBelow(min));
    }

    /** The smallest and largest positive x (or y) of the chart's series, or null when there are none. */
    private static double[] range(XYChart chart, boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (XYSeries series : chart.getSeriesCollection()) {
            for (double v : x ? series.getXData() : series.getYData()) {
                if (v > 0 && Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            }
        }
        return hi > 0 ? new double[]{lo, hi} : null;
    }

    /** At most 20 characters: XChart 4.0.3 drops every tick label of an axis when one is longer. */
    private static String shortName(String worker) {
        return worker.length() <= 20 ? worker : worker.substring(0, 19) + "…";
    }

    /** Sorts "pool-worker-10" after "pool-worker-9". */
    private static String naturalKey(String name) {
        return name.replaceAll("\\d+", "").concat(String.format("%010d", trailingNumber(name)));
    }

    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    private static long trailingNumber(String name) {
        var m = TRAILING_NUMBER.matcher(name);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
