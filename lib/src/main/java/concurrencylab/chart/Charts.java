package concurrencylab.chart;

import concurrencylab.measure.Measured;
import concurrencylab.measure.Results;
import concurrencylab.measure.Run;
import concurrencylab.measure.TaskCountSweep;
import concurrencylab.strategy.TaskRecord;
import concurrencylab.workload.Durations;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The course's charts, built with XChart and styled to be read on a projector: large fonts, titles
 * that say what was measured and on how many cores, units on the axes. In the notebook the last
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
    static final Color MEASURED = new Color(0x1f77b4);
    static final Color IDEAL = new Color(0xbbbbbb);
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** Median wall time per strategy next to the workload's ideal bound for its number of workers. */
    public static CategoryChart wallTimes(Results results) {
        var chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(results.workload() + ", " + results.cores() + " cores");
        chart.setXAxisTitle("strategy");
        chart.setYAxisTitle("wall time (s), median");
        List<String> names = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        List<Double> ideal = new ArrayList<>();
        for (Measured m : results.measured()) {
            names.add(m.name());
            measured.add(Durations.seconds(m.medianWall()));
            ideal.add(Durations.seconds(m.ideal()));
        }
        chart.addSeries("measured", names, measured).setFillColor(MEASURED);
        chart.addSeries("ideal bound", names, ideal).setFillColor(IDEAL);
        styleForProjector(chart);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        chart.getStyler().setLabelsRotation(0);
        if (names.stream().mapToInt(String::length).sum() > 80) chart.getStyler().setXAxisLabelRotation(15); // long names overlap
        chart.getStyler().setYAxisDecimalPattern("#0.0#");
        chart.getStyler().setYAxisMin(0.0);
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
        return timeline("Timeline: " + measured.name() + ", " + run.tasks().size() + " tasks on " + workers
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
        chart.setYAxisTitle(workers.size() == 1 ? "one worker" : "workers: " + shortName(workers.getFirst()) + " (bottom) to "
                + shortName(workers.getLast()));
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
        var styler = chart.getStyler();
        styler.setYAxisMin(-0.5);
        styler.setYAxisMax(workers.size() - 0.5);
        styler.setXAxisMin(0.0);
        styler.setXAxisDecimalPattern("0.0#");
        styler.setYAxisTicksVisible(false); // rows are workers, not quantities
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setLegendVisible(idealBound != null);
        return chart;
    }

    /**
     * One bar per label, for any measured quantity: cost per increment, lost updates, start-up times.
     *
     * <pre>{@code
     * Charts.bars("Cost per increment, 4 threads", "ns per increment", Map.of("synchronized", 21.0, "LongAdder", 2.4));
     * }</pre>
     */
    public static CategoryChart bars(String title, String yAxisTitle, Map<String, ? extends Number> values) {
        var chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setYAxisTitle(yAxisTitle);
        List<String> names = new ArrayList<>(values.keySet());
        List<Number> numbers = new ArrayList<>(values.values());
        chart.addSeries(yAxisTitle, names, numbers).setFillColor(MEASURED);
        styleForProjector(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        chart.getStyler().setLabelsRotation(0);
        chart.getStyler().setYAxisMin(0.0);
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
        chart.getStyler().setXAxisLogarithmic(logAxes);
        chart.getStyler().setYAxisLogarithmic(logAxes);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /**
     * Speed-up against workers for a sweep ({@link concurrencylab.measure.Measurement#sweep}): the
     * measured speed-up over the first (smallest) worker count, the ideal speed-up from the workload's
     * bounds, and Amdahl's law fitted to the measurements, with its serial fraction in the legend.
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
        XYSeries fit = chart.addSeries(String.format("Amdahl fit, serial fraction %.1f%%", 100 * serial), workers, fitted);
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
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /** Cores busy (CPU time / wall time) per strategy, next to the machine's core count. */
    public static CategoryChart coresBusy(Results results) {
        var chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle("Cores busy: " + results.workload() + ", " + results.cores() + " cores");
        chart.setXAxisTitle("strategy");
        chart.setYAxisTitle("cores busy (CPU time / wall time)");
        List<String> names = results.measured().stream().map(Measured::name).toList();
        List<Double> busy = results.measured().stream().map(Measured::coresBusy).toList();
        List<Double> cores = names.stream().map(n -> (double) results.cores()).toList();
        chart.addSeries("cores busy", names, busy).setFillColor(MEASURED);
        chart.addSeries("cores on this machine", names, cores).setFillColor(IDEAL);
        styleForProjector(chart);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisMin(0.0);
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
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
    }

    private static String shortName(String worker) {
        return worker.length() <= 16 ? worker : worker.substring(0, 15) + "…";
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
