package concurrencylab.measure;

import concurrencylab.Check;
import concurrencylab.spi.KernelServices;
import concurrencylab.spi.LiveDisplay;
import concurrencylab.strategy.Strategy;
import concurrencylab.widget.Control;
import concurrencylab.widget.Interact;
import concurrencylab.widget.Values;
import concurrencylab.widget.Widgets;
import concurrencylab.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A measurement whose parameters are controls: the workload and the strategies are made from the
 * controls' values, measured, and the charts and the table drawn; moving a slider measures again and
 * redraws them. Made by {@link Measurement#interactive}; shown by {@link #show}. The status line says
 * what is being measured (and each run's progress), a Stop button ends a run, and a slider moved during
 * a run is measured when it ends ({@link Interact}). Given the results the cells above measured at the
 * controls' start values ({@link #startingFrom}), the cell shows those and measures nothing until a
 * control moves.
 *
 * <pre>{@code
 * Measurement.interactive(v -> Workloads.files(v.getInt("files"), Duration.ofMillis(v.getInt("wait ms"))))
 *         .strategies(v -> List.of(Strategies.sequential(), Strategies.fixedPool(v.getInt("workers"))))
 *         .controls(Widgets.intSlider("workers", 4, 1, 16), Widgets.intSlider("files", 10, 1, 40),
 *                   Widgets.intLogSlider("wait ms", 200, 10, 2000))
 *         .repeats(3)
 *         .startingFrom(results)             // what the cell above measured at 4 workers, 10 files, 200 ms
 *         .show(Charts::wallTimes);          // the chart, then the table, for every position of the sliders
 * }</pre>
 */
public final class InteractiveMeasurement {

    /** Makes something from the controls' values: a workload, the strategies. */
    @FunctionalInterface
    public interface FromValues<T> {
        T make(Values values) throws Exception;
    }

    private final FromValues<? extends Workload> workload;
    private FromValues<List<Strategy>> strategies;
    private final List<Control<?>> controls = new ArrayList<>();
    private int warmups = 1;
    private int repeats = 3;
    private final List<Results> measuredAtStart = new ArrayList<>();

    InteractiveMeasurement(FromValues<? extends Workload> workload) {
        this.workload = Check.notNull("workload", workload);
    }

    /** The strategies to measure at the controls' values, in the table's order. */
    public InteractiveMeasurement strategies(FromValues<List<Strategy>> strategies) {
        this.strategies = Check.notNull("strategies", strategies);
        return this;
    }

    /** The controls, in the order they are shown; the functions read them by name. */
    public InteractiveMeasurement controls(Control<?>... controls) {
        for (Control<?> c : controls) this.controls.add(Check.notNull("controls", c));
        return this;
    }

    /** Untimed runs per strategy before the timed ones (default 1). */
    public InteractiveMeasurement warmups(int count) {
        this.warmups = Check.atLeast("warmups", count, 0);
        return this;
    }

    /** Timed runs per strategy (default 3). */
    public InteractiveMeasurement repeats(int count) {
        this.repeats = Check.atLeast("repeats", count, 1);
        return this;
    }

    /**
     * Results already measured at the controls' start values, by the cells above: the first drawing
     * takes each strategy's figures from them instead of measuring again, when every strategy made from
     * the start values was measured there on the same workload (matched by description and task count);
     * otherwise the first drawing measures. Later drawings always measure.
     */
    public InteractiveMeasurement startingFrom(Results... measured) {
        for (Results r : measured) measuredAtStart.add(Check.notNull("startingFrom", r));
        return this;
    }

    /** {@link #startingFrom(Results...)} with each size a task-count sweep measured. */
    public InteractiveMeasurement startingFrom(TaskCountSweep.Points sweep) {
        return startingFrom(Check.notNull("startingFrom", sweep).sizes().toArray(Results[]::new));
    }

    /**
     * Shows the controls and, under them, each of {@code charts} drawn from the results and then the
     * results' table: measured now at the controls' values, and again whenever one changes.
     *
     * @throws Exception what the first measurement throws: the cell fails with it
     */
    @SafeVarargs
    public final Interact show(Function<Results, ?>... charts) throws Exception {
        if (strategies == null) throw new IllegalStateException("say which strategies to measure: .strategies(v -> List.of(...))");
        if (controls.isEmpty()) throw new IllegalStateException("give the measurement its controls: .controls(Widgets.intSlider(...), ...)");
        List<Function<Results, ?>> views = List.of(charts);
        var atStart = new AtomicReference<List<Results>>(List.copyOf(measuredAtStart));
        return Widgets.interactMeasuring(values -> {
            Results results;
            List<Results> given = atStart.getAndSet(List.of());   // the first drawing only
            try (Workload work = Objects.requireNonNull(workload.make(values), "the workload made from " + values)) {
                List<Strategy> chosen = Objects.requireNonNull(strategies.make(values), "the strategies made from " + values);
                results = alreadyMeasured(given, work, chosen);
                if (results == null) {
                    results = Measurement.of(work).warmups(warmups).repeats(repeats).progress(values::progress)
                            .run(chosen.toArray(Strategy[]::new));
                }
            }
            LiveDisplay display = KernelServices.liveDisplay();
            for (var view : views) {
                Object shown = view.apply(results);
                if (display != null) display.show(shown);
            }
            return results.table();
        }, controls);
    }

    /** The results of {@code chosen} on {@code work} taken from {@code given}, or null when one is missing. */
    static Results alreadyMeasured(List<Results> given, Workload work, List<Strategy> chosen) {
        List<Results> same = given.stream()
                .filter(r -> r.workload().equals(work.description()) && r.tasks() == work.tasks()).toList();
        if (same.isEmpty()) return null;
        List<Measured> found = new ArrayList<>();
        for (Strategy s : chosen) {
            Measured m = same.stream().flatMap(r -> r.measured().stream())
                    .filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
            if (m == null) return null;
            found.add(m);
        }
        Results first = same.getFirst();
        return new Results(first.workload(), first.tasks(), first.cores(), first.noiseLimit(), found);
    }
}
