package concurrencylab.widget;

import java.util.List;
import java.util.TreeSet;

/**
 * A slider over whole numbers on a logarithmic scale: 1, 2, 5, 10, 20, 50, ... between its ends (or
 * the powers of a base, {@link Widgets#intLogSlider(String, int, int, int, int)}), plus its ends and its
 * start value. ipywidgets has no integer log slider; this one is a {@code SelectionSliderModel} whose
 * labels are the numbers. The frontend sends a position, which is clamped into the list.
 *
 * <pre>{@code
 * var tasks = Widgets.intLogSlider("tasks", 100, 10, 10_000);         // 10, 20, 50, 100, ... 10000
 * var workers = Widgets.intLogSlider("workers", 4, 1, 64, 2);         // 1, 2, 4, ... 64
 * }</pre>
 */
public final class IntLogSlider extends Control<Integer> {
    private final List<Integer> values;

    IntLogSlider(String name, int value, int min, int max, int base) {
        super("SelectionSliderModel", "SelectionSliderView", name, Style.slider());
        if (min < 1) throw new IllegalArgumentException(name + ": a log slider's values must be at least 1, got min " + min);
        if (min > max) throw new IllegalArgumentException(name + ": min " + min + " is above max " + max);
        if (value < 1) throw new IllegalArgumentException(name + ": a log slider's values must be at least 1, got " + value);
        TreeSet<Integer> steps = new TreeSet<>(List.of(min, max, value));
        for (long decade = 1; decade <= max; decade *= (base == 0 ? 10 : base)) {
            for (int m : base == 0 ? new int[]{1, 2, 5} : new int[]{1}) {
                long v = decade * m;
                if (v >= min && v <= max) steps.add((int) v);
            }
        }
        this.values = List.copyOf(steps);
        attribute("_options_labels", values.stream().map(Widgets::text).toList());
        attribute("behavior", "drag-tap");
        attribute("continuous_update", false);
        attribute("index", values.indexOf(value));
        attribute("orientation", "horizontal");
        attribute("readout", true);
    }

    @Override
    public Integer value() {
        return values.get((Integer) get("index"));
    }

    /** Moves the slider to the listed value nearest {@code value}. */
    public IntLogSlider value(int value) {
        int best = 0;
        for (int i = 0; i < values.size(); i++) {
            if (Math.abs((long) values.get(i) - value) < Math.abs((long) values.get(best) - value)) best = i;
        }
        set("index", best);
        return this;
    }

    /** The values the slider stops at, smallest first. */
    public List<Integer> values() {
        return values;
    }

    @Override
    String valueAttribute() {
        return "index";
    }

    @Override
    Object accept(String name, Object raw) {
        if (!name.equals("index")) return super.accept(name, raw);
        return (int) Math.max(0, Math.min(values.size() - 1, wholeNumber(name, raw)));
    }
}
