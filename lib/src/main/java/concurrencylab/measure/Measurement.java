package concurrencylab.measure;

import concurrencylab.Check;
import concurrencylab.jvm.JitCompiler;
import concurrencylab.spi.KernelServices;
import concurrencylab.spi.LiveDisplay;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.Durations;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The timing harness: runs a workload under several strategies with warm-up runs and repeats,
 * and returns the {@link Results}.
 *
 * <pre>{@code
 * Results results = Measurement.of(Workloads.files(10, Duration.ofMillis(200)))
 *         .warmups(1).repeats(3)
 *         .run(Strategies.sequential(), Strategies.fixedPool(4), Strategies.virtualThreads());
 * results.table();
 * }</pre>
 *
 * <p>Each run's CPU time is the whole JVM's plus its child processes' ({@link CpuClock}), so cores
 * busy = CPU / wall says how much of the machine a strategy kept busy: near 0 for waits, near the
 * core count for CPU work that scales, also when worker JVMs do it. The timed runs of a strategy
 * begin once the JIT compiler has gone quiet after its warm-ups (at most 2 s later).
 */
public final class Measurement {
    private final Workload workload;
    private int warmups = 1;
    private int repeats = 3;
    private double noiseLimit = 0.10;
    private Consumer<String> progress;

    private Measurement(Workload workload) {
        this.workload = Check.notNull("workload", workload);
    }

    /** Starts describing a measurement of {@code workload}. */
    public static Measurement of(Workload workload) {
        return new Measurement(workload);
    }

    /**
     * Measures workloads of each size in {@code taskCounts}, made by {@code workFor}: time versus number
     * of tasks ({@link concurrencylab.chart.Charts#timeVsTasks}).
     *
     * <pre>{@code
     * Measurement.overTaskCounts(n -> Workloads.simulatedIo(n, Duration.ofMillis(20)), 10, 100, 1000)
     *         .run(Strategies.fixedPool(8), Strategies.virtualThreads());
     * }</pre>
     */
    public static TaskCountSweep overTaskCounts(IntFunction<? extends Workload> workFor, int... taskCounts) {
        return new TaskCountSweep(workFor, taskCounts);
    }

    /**
     * A measurement whose parameters are controls (sliders, dropdowns): the workload and the strategies
     * are made from their values, and the charts and table redrawn each time one moves.
     *
     * <pre>{@code
     * Measurement.interactive(v -> Workloads.simulatedIo(v.getInt("tasks"), Duration.ofMillis(200)))
     *         .strategies(v -> List.of(Strategies.fixedPool(v.getInt("workers"))))
     *         .controls(Widgets.intSlider("workers", 4, 1, 16), Widgets.intSlider("tasks", 10, 1, 40))
     *         .show(Charts::wallTimes);
     * }</pre>
     */
    public static InteractiveMeasurement interactive(InteractiveMeasurement.FromValues<? extends Workload> workload) {
        return new InteractiveMeasurement(workload);
    }

    /** Untimed runs before the timed ones, to warm up the JIT and the thread machinery (default 1). */
    public Measurement warmups(int count) {
        this.warmups = Check.atLeast("warmups", count, 0);
        return this;
    }

    /** Timed runs per strategy; the table shows their median (default 3). */
    public Measurement repeats(int count) {
        this.repeats = Check.atLeast("repeats", count, 1);
        return this;
    }

    /** Spread of the repeats above which the table flags a row as noisy (default 0.10, i.e. 10 %). */
    public Measurement noiseLimit(double fraction) {
        if (!(fraction > 0)) throw new IllegalArgumentException("noiseLimit must be above 0, got " + fraction);
        this.noiseLimit = fraction;
        return this;
    }

    /**
     * Where to report each finished run; {@code s -> {}} for silence. By default a live display in the
     * notebook that grows a line per run, or lines on {@code System.out} outside a notebook.
     */
    public Measurement progress(Consumer<String> sink) {
        this.progress = Check.notNull("progress", sink);
        return this;
    }

    /**
     * Runs every strategy: {@code warmups} untimed runs, then {@code repeats} timed runs each.
     *
     * @throws InterruptedException when interrupted (the notebook's stop button); running tasks are stopped
     */
    public Results run(Strategy... strategies) throws InterruptedException {
        Check.notNull("strategies", strategies);
        if (strategies.length == 0) throw new IllegalArgumentException("strategies must name at least one strategy, got none");
        LiveView live = this.progress == null ? LiveView.inNotebook() : null;
        Consumer<String> progress = this.progress != null ? this.progress : live != null ? live::line : System.out::println;
        int cores = Runtime.getRuntime().availableProcessors();
        List<Measured> measured = new ArrayList<>();
        try {
            for (int s = 0; s < strategies.length; s++) {
                Strategy strategy = Check.notNull("strategies[" + s + "]", strategies[s]);
                strategy.prepare(workload);
                for (int i = 0; i < warmups; i++) {
                    strategy.run(workload, System.nanoTime());
                }
                JitCompiler.awaitQuiet();   // the compiler's backlog would otherwise take cores from the timed runs
                int workers = strategy.workers(workload);
                Duration ideal = workload.idealTime(workers, strategy.computingCores(cores));
                List<Run> runs = new ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    Run run = timedRun(strategy);
                    runs.add(run);
                    String line = String.format("%-18s run %d/%d: %s, cores busy %.2f", strategy.name(), i + 1, repeats,
                            Durations.format(run.wall()), run.coresBusy());
                    if (live != null) live.timedRun(line, run, ideal);
                    else progress.accept(line);
                }
                measured.add(new Measured(strategy, workers, ideal, runs));
            }
        } finally {
            if (live != null) live.end();
        }
        return new Results(workload.description(), workload.tasks(), cores, noiseLimit, measured);
    }

    /**
     * Runs the strategy made by {@code strategyFor} for each worker count: a sweep, as for a speed-up
     * chart ({@link concurrencylab.chart.Charts#speedUp}).
     *
     * <pre>{@code
     * Results sweep = Measurement.of(cpu).sweep(Strategies::fixedPool, 1, 2, 4, 8);
     * }</pre>
     */
    public Results sweep(IntFunction<? extends Strategy> strategyFor, int... workers) throws InterruptedException {
        Check.notNull("strategyFor", strategyFor);
        Check.notNull("workers", workers);
        if (workers.length == 0) throw new IllegalArgumentException("workers must list at least one count, got none");
        Strategy[] strategies = new Strategy[workers.length];
        for (int i = 0; i < workers.length; i++) {
            strategies[i] = strategyFor.apply(Check.atLeast("workers[" + i + "]", workers[i], 1));
        }
        return run(strategies);
    }

    /**
     * The live view in a notebook: one display that grows a line per run and shows the timeline of the last
     * timed run (tasks per worker), redrawn between timed runs, never during one. Drawing a chart costs a
     * tenth of a second or so, and the JIT compiles the drawing code afterwards: the view waits for the
     * compiler to go quiet before the next run, draws nothing in a measurement's first two seconds, and
     * then redraws at most once a second and no more often than keeps drawing to about a tenth of the
     * time. When the measurement ends only the lines stay.
     */
    private static final class LiveView {
        /** Drawing may take this share of the time between two drawings. */
        private static final double DRAWING_SHARE = 0.1;
        /** A measurement shorter than this draws nothing: it is over before a drawing would help. */
        private static final long FIRST_DRAWING_NANOS = 2_000_000_000L;
        /** Drawings come at most this often. */
        private static final long DRAWING_PERIOD_NANOS = 1_000_000_000L;

        private final LiveDisplay display;
        private final List<String> lines = new ArrayList<>();
        private String id;
        /** When the next drawing may come: {@link #FIRST_DRAWING_NANOS} after the start, then as the share allows. */
        private long nextDrawing = System.nanoTime() + FIRST_DRAWING_NANOS;
        // the timeline shown: the last drawn run's
        private String title;
        private List<TaskRecord> tasks = List.of();
        private Duration ideal;

        private LiveView(LiveDisplay display) {
            this.display = display;
        }

        /** The view in the notebook the kernel runs, or null outside one. */
        static LiveView inNotebook() {
            LiveDisplay display = KernelServices.liveDisplay();
            return display == null ? null : new LiveView(display);
        }

        void line(String line) {
            lines.add(line);
            show(new Progress(lines, title, tasks, ideal));
        }

        /**
         * A timed run has ended: its line, and its timeline if the last one was drawn long enough ago (else the
         * last timeline stays: the same tasks, which the kernel does not draw again).
         */
        void timedRun(String line, Run run, Duration idealBound) throws InterruptedException {
            long now = System.nanoTime();
            if (run.tasks().isEmpty() || now < nextDrawing) {
                line(line);
                return;
            }
            title = line.replaceAll("\\s+", " ");
            tasks = run.tasks();
            ideal = idealBound;
            line(line);
            JitCompiler.awaitQuiet();
            long drawn = System.nanoTime();
            nextDrawing = drawn + Math.max(DRAWING_PERIOD_NANOS, (long) ((drawn - now) / DRAWING_SHARE));
        }

        /** The measurement has ended (or failed): the lines stay, the timeline goes. */
        void end() {
            if (id != null) display.update(id, Progress.lines(lines));
        }

        private void show(Progress progress) {
            if (id == null) id = display.show(progress);
            else display.update(id, progress);
        }
    }

    private Run timedRun(Strategy strategy) throws InterruptedException {
        var cpu0 = CpuClock.now();
        long t0 = System.nanoTime();
        List<TaskRecord> records = strategy.run(workload, t0);
        long wall = System.nanoTime() - t0;
        long cpu = CpuClock.now().minus(cpu0).programNanos();
        return new Run(Duration.ofNanos(wall), Duration.ofNanos(Math.max(0, cpu)), records);
    }

}
