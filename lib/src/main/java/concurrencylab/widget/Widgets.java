package concurrencylab.widget;

import java.util.Arrays;
import java.util.List;

/**
 * Jupyter widgets for notebooks, one line per control: sliders (whole and decimal numbers, linear
 * and logarithmic), a dropdown, a checkbox, a toggle, a button, a label, an output area, boxes, and
 * {@link #interact}, which draws a function's result under its controls and redraws it when they move.
 * The Concurrency Lab kernel speaks the widget protocol (ipywidgets 8's): JupyterLab with
 * {@code @jupyter-widgets/jupyterlab-manager} 5 shows the controls; elsewhere an interact shows its
 * result at the controls' current values.
 *
 * <pre>{@code
 * import concurrencylab.widget.*;
 *
 * Widgets.interact(v -> Charts.wallTimes(measure(v.getInt("workers"))),
 *         Widgets.intSlider("workers", 4, 1, 16));
 * }</pre>
 */
public final class Widgets {
    private Widgets() {}

    /** A slider over whole numbers from {@code min} to {@code max}, at {@code value}. */
    public static IntSlider intSlider(String name, int value, int min, int max) {
        return new IntSlider(name, value, min, max);
    }

    /** A slider over whole numbers on a log scale: 1, 2, 5, 10, 20, 50, ... from {@code min} to {@code max}. */
    public static IntLogSlider intLogSlider(String name, int value, int min, int max) {
        return new IntLogSlider(name, value, min, max, 0);
    }

    /** A slider over the powers of {@code base} (2: 1, 2, 4, 8, ...) from {@code min} to {@code max}. */
    public static IntLogSlider intLogSlider(String name, int value, int min, int max, int base) {
        if (base < 2) throw new IllegalArgumentException(name + ": a log slider's base must be at least 2, got " + base);
        return new IntLogSlider(name, value, min, max, base);
    }

    /** A slider over decimal numbers from {@code min} to {@code max}, at {@code value}. */
    public static FloatSlider floatSlider(String name, double value, double min, double max) {
        return new FloatSlider(name, value, min, max);
    }

    /** A slider over decimal numbers on a log scale (10 steps per decade) from {@code min} to {@code max}. */
    public static FloatLogSlider floatLogSlider(String name, double value, double min, double max) {
        return new FloatLogSlider(name, value, min, max);
    }

    /** A choice among {@code options}, showing {@code value}. */
    @SafeVarargs
    public static <T> Dropdown<T> dropdown(String name, T value, T... options) {
        return new Dropdown<>(name, value, Arrays.asList(options));
    }

    /** A choice among {@code options}, showing {@code value}. */
    public static <T> Dropdown<T> dropdown(String name, T value, List<T> options) {
        return new Dropdown<>(name, value, options);
    }

    /** A box to tick. */
    public static Checkbox checkbox(String name, boolean value) {
        return new Checkbox(name, value);
    }

    /** A button that stays pressed or not. */
    public static ToggleButton toggle(String name, boolean value) {
        return new ToggleButton(name, value);
    }

    /** A button; give it handlers with {@link Button#onClick}. */
    public static Button button(String description) {
        return new Button(description);
    }

    /** A line of text. */
    public static Label label(String text) {
        return new Label(text);
    }

    /** An empty output area. */
    public static Output output() {
        return new Output();
    }

    /** Widgets side by side. */
    public static Box hbox(Widget... children) {
        return new Box(true, List.of(children));
    }

    /** Widgets one above the other. */
    public static Box vbox(Widget... children) {
        return new Box(false, List.of(children));
    }

    /**
     * Shows {@code controls} in the running cell with {@code view}'s result under them, computed now at
     * their values, and again each time one changes (see {@link Interact}).
     *
     * @throws Exception what the first run of {@code view} throws: the cell fails with it
     */
    public static Interact interact(Interact.View view, Control<?>... controls) throws Exception {
        return new Interact(view, List.of(controls), "running").show();
    }

    /** As {@link #interact}, with "measuring" in the status line: for a view that measures. */
    public static Interact interactMeasuring(Interact.View view, List<Control<?>> controls) throws Exception {
        return new Interact(view, controls, "measuring").show();
    }

    /** A value as labels and status lines show it: whole doubles without {@code .0}, others to 4 digits. */
    static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        if (v instanceof Double d) return String.format("%.4g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
        return String.valueOf(v);
    }

    static void checkRange(String name, double value, double min, double max) {
        if (!Double.isFinite(value) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(name + ": value, min and max must be finite numbers, got " + value + ", " + min + ", " + max);
        }
        if (min > max) throw new IllegalArgumentException(name + ": min " + min + " is above max " + max);
    }
}
