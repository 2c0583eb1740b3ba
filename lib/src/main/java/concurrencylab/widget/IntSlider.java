package concurrencylab.widget;

/**
 * A slider over whole numbers ({@code IntSliderModel}). Its range widens to take a start value
 * outside it, so a parameter set with {@code ./lab run -p workers=32} still shows. It reports a new
 * value when the user lets go of it (set {@link #continuous} for every step of a drag). A value from
 * the frontend outside the range is clamped into it; one that is not a whole number is refused.
 *
 * <pre>{@code
 * var workers = Widgets.intSlider("workers", 4, 1, 16);      // value 4, from 1 to 16
 * var files = Widgets.intSlider("files", 10, 0, 100).step(5);
 * }</pre>
 */
public final class IntSlider extends Control<Integer> {

    IntSlider(String name, int value, int min, int max) {
        super("IntSliderModel", "IntSliderView", name, Style.slider());
        if (min > max) throw new IllegalArgumentException(name + ": min " + min + " is above max " + max);
        attribute("behavior", "drag-tap");
        attribute("continuous_update", false);
        attribute("max", Math.max(max, value));
        attribute("min", Math.min(min, value));
        attribute("orientation", "horizontal");
        attribute("readout", true);
        attribute("readout_format", "d");
        attribute("step", 1);
        attribute("value", value);
    }

    @Override
    public Integer value() {
        return (Integer) get("value");
    }

    /** Moves the slider to {@code value}, clamped into its range. */
    public IntSlider value(int value) {
        set("value", clamp(value));
        return this;
    }

    public int min() {
        return (Integer) get("min");
    }

    public int max() {
        return (Integer) get("max");
    }

    /** The distance between two positions (default 1). */
    public IntSlider step(int step) {
        if (step < 1) throw new IllegalArgumentException(name() + ": step must be at least 1, got " + step);
        set("step", step);
        return this;
    }

    /** Reports every step of a drag (true), or only where the user lets go (false, the default). */
    public IntSlider continuous(boolean continuous) {
        set("continuous_update", continuous);
        return this;
    }

    private int clamp(long v) {
        return (int) Math.max(min(), Math.min(max(), v));
    }

    @Override
    String valueAttribute() {
        return "value";
    }

    @Override
    Object accept(String name, Object raw) {
        if (!name.equals("value")) return super.accept(name, raw);
        return clamp(wholeNumber(name, raw));
    }
}
