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
        Consumer<String> progress = this.progress != null ? this.progress : defaultProgress();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Measured> measured = new ArrayList<>();
        for (int s = 0; s < strategies.length; s++) {
            Strategy strategy = Check.notNull("strategies[" + s + "]", strategies[s]);
            strategy.prepare(workload);
            for (int i = 0; i < warmups; i++) {
                strategy.run(workload, System.nanoTime());
            }
            JitCompiler.awaitQuiet();   // the compiler's backlog would otherwise take cores from the timed runs
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                Run run = timedRun(strategy);
                runs.add(run);
                progress.accept(String.format("%-18s run %d/%d: %s, cores busy %.2f", strategy.name(), i + 1, repeats,
                        Durations.format(run.wall()), run.coresBusy()));
            }
            int workers = strategy.workers(workload);
            measured.add(new Measured(strategy, workers, workload.idealTime(workers, strategy.computingCores(cores)), runs));
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

    /** Progress as one notebook display that grows a line per run, or printed lines outside a notebook. */
    private static Consumer<String> defaultProgress() {
        LiveDisplay display = KernelServices.liveDisplay();
        if (display == null) return System.out::println;
        StringBuilder lines = new StringBuilder();
        String[] id = new String[1];
        return line -> {
            lines.append(lines.isEmpty() ? "" : "\n").append(line);
            if (id[0] == null) id[0] = display.show(lines.toString());
            else display.update(id[0], lines.toString());
        };
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
