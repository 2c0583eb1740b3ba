package concurrencylab.widget;

import concurrencylab.spi.KernelServices;
import concurrencylab.spi.WidgetCallback;
import concurrencylab.spi.WidgetHost;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Controls and a function of their values, shown in a cell: the function's result (a chart, a table,
 * text: anything the kernel displays) is drawn under the controls and drawn again whenever a control
 * changes. Made by {@link Widgets#interact}.
 *
 * <p>The first run is part of the cell that shows it, so the cell's output holds the result at the
 * controls' current values; frontends without a widget manager (the classic Notebook, {@code ./lab run},
 * nbclient, the static book) show that result and one line saying the controls need JupyterLab. Every
 * later run is a callback the kernel runs as it runs a cell ({@link WidgetHost#schedule}): its output
 * goes to the interact's output area, the toolbar's interrupt and {@code %cell_timeout} stop it, and so
 * does the Stop button beside the status line, which says what is running. A control moved during a
 * run loses nothing and queues nothing stale: the newest values run when the current run ends.
 *
 * <pre>{@code
 * Widgets.interact(v -> Charts.wallTimes(Measurement.of(Workloads.files(v.getInt("files"), Duration.ofMillis(200)))
 *                 .run(Strategies.fixedPool(v.getInt("workers")))),
 *         Widgets.intSlider("workers", 4, 1, 16),
 *         Widgets.intSlider("files", 10, 1, 40));
 * }</pre>
 */
public final class Interact {

    /** What an interact draws: a function of the controls' values that may throw. */
    @FunctionalInterface
    public interface View {
        /** The value to show (a chart, a table, text), or null for nothing but what it printed and displayed. */
        Object apply(Values values) throws Exception;
    }

    private final View view;
    private final List<Control<?>> controls;
    private final String verb;
    private final Button stop = new Button("Stop").icon("stop").disabled(true);
    private final Label status = new Label("");
    private final Output output = new Output();
    private final Box box;
    private volatile boolean shown;
    private volatile boolean running;
    private volatile Values current;

    Interact(View view, List<Control<?>> controls, String verb) {
        this.view = Objects.requireNonNull(view, "the function to show");
        this.controls = List.copyOf(controls);
        this.verb = verb;
        if (this.controls.isEmpty()) throw new IllegalArgumentException("interact needs at least one control");
        var names = new HashSet<String>();
        for (Control<?> c : this.controls) {
            if (!names.add(c.name())) throw new IllegalArgumentException("two controls are named '" + c.name() + "'; Values finds them by name");
        }
        stop.tooltip("Stop this run; the newest values run next, if any");
        status.layout().margin("0 0 0 1em");
        box = new Box(false, List.of(new Box(false, this.controls), new Box(true, List.of(stop, status)), output));
        stop.onClick(() -> {
            WidgetHost host = KernelServices.widgetHost();
            if (host != null) host.stop(this);
        });
        for (Control<?> c : this.controls) {
            c.listen((attribute, value) -> {
                if (attribute.equals(c.valueAttribute())) changed();
            });
        }
    }

    /** Shows the interact in the running cell and runs its function once, now, at the controls' values. */
    Interact show() throws Exception {
        Values values = snapshot();
        WidgetHost host = KernelServices.widgetHost();
        if (host == null) {
            shown = true;
            runHere(values);
            return this;
        }
        String displayId = host.show(box.id(), note(values), List.of(), null);
        Run first = new Run(values);
        first.starting();
        long t0 = System.nanoTime();
        try {
            host.runShowingIn(output, () -> view.apply(values));
        } catch (Exception | Error e) {
            first.ended(e instanceof InterruptedException ? WidgetCallback.Ending.INTERRUPTED : WidgetCallback.Ending.FAILED,
                    Duration.ofNanos(System.nanoTime() - t0));
            host.show(box.id(), note(values), output.outputs(), displayId);
            throw e;
        }
        first.ended(WidgetCallback.Ending.DONE, Duration.ofNanos(System.nanoTime() - t0));
        host.show(box.id(), note(values), output.outputs(), displayId);
        shown = true;
        return this;
    }

    private String note(Values values) {
        return "The controls need JupyterLab with ipywidgets 8; this is the result at " + values + ".";
    }

    private Values snapshot() {
        Map<String, Object> now = new LinkedHashMap<>();
        for (Control<?> c : controls) now.put(c.name(), c.value());
        return new Values(now, line -> {
            Values v = current;
            status.text(verb + " " + (v == null ? "" : v + " ") + "... " + line);
        });
    }

    /** A control changed: run at the new values, after the current run if one is going. */
    private void changed() {
        if (!shown) return;
        Values values = snapshot();
        WidgetHost host = KernelServices.widgetHost();
        if (host == null) {
            runHere(values);
            return;
        }
        Values now = current;
        if (running && now != null) status.text(verb + " " + now + " ...; next: " + values);
        host.schedule(this, new Run(values));
    }

    /** Outside the kernel: the run on this thread, its value as text in the output area. */
    private void runHere(Values values) {
        output.clear(true);
        try {
            Object v = view.apply(values);
            if (v != null) output.display(null, Map.of("text/plain", Widgets.text(v)), Map.of());
            status.text("ran at " + values);
        } catch (Exception e) {
            output.error(e.getClass().getName(), String.valueOf(e.getMessage()), List.of(e.toString()));
            status.text("failed at " + values);
        }
        output.settle();
    }

    /** One run at one set of values, as the kernel runs it. */
    private final class Run implements WidgetCallback {
        private final Values values;

        Run(Values values) {
            this.values = values;
        }

        @Override
        public Output output() {
            return output;
        }

        @Override
        public Object call() throws Exception {
            return view.apply(values);
        }

        @Override
        public void starting() {
            current = values;
            running = true;
            stop.disabled(false).buttonStyle("warning");
            status.text(verb + " " + values + " ...");
            output.clear(true);
        }

        @Override
        public void ended(Ending ending, Duration took) {
            running = false;
            stop.disabled(true).buttonStyle("");
            output.settle();
            String seconds = String.format("%.2f s", took.toNanos() / 1e9);
            status.text(switch (ending) {
                case DONE -> "ran in " + seconds + " at " + values;
                case FAILED -> "failed after " + seconds + " at " + values + " (the error is below)";
                case INTERRUPTED -> "stopped after " + seconds + " at " + values;
                case TIME_LIMIT -> "stopped by the cell time limit after " + seconds + " at " + values;
            });
        }
    }

    /** The controls, in order. */
    public List<Control<?>> controls() {
        return controls;
    }

    /** The output area under the controls. */
    public Output output() {
        return output;
    }

    /** The status line: what runs, how the last run ended. */
    public String status() {
        return status.text();
    }

    /** The whole widget: the controls, the Stop button and status line, the output area. */
    public Box box() {
        return box;
    }

    /** Closes every widget of the interact: it disappears from the page and runs no more. */
    public void close() {
        List<Widget> all = new ArrayList<>(List.of(box, stop, status, output));
        all.addAll(box.children());
        all.addAll(controls);
        for (Widget w : all) w.close();
    }

    @Override
    public String toString() {
        return "Interact(" + snapshot() + ")";
    }
}
