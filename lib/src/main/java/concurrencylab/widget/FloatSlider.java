package concurrencylab.widget;

/**
 * A slider over decimal numbers ({@code FloatSliderModel}), in 100 steps by default. As
 * {@link IntSlider}: the range widens to take the start value, a value from the frontend is clamped.
 *
 * <pre>{@code
 * var share = Widgets.floatSlider("serial share", 0.1, 0, 1);
 * }</pre>
 */
public final class FloatSlider extends Control<Double> {

    FloatSlider(String name, double value, double min, double max) {
        super("FloatSliderModel", "FloatSliderView", name, Style.slider());
        Widgets.checkRange(name, value, min, max);
        double lo = Math.min(min, value), hi = Math.max(max, value);
        attribute("behavior", "drag-tap");
        attribute("continuous_update", false);
        attribute("max", hi);
        attribute("min", lo);
        attribute("orientation", "horizontal");
        attribute("readout", true);
        attribute("readout_format", ".2f");
        attribute("step", hi > lo ? (hi - lo) / 100 : 0.1);
        attribute("value", value);
    }

    @Override
    public Double value() {
        return (Double) get("value");
    }

    /** Moves the slider to {@code value}, clamped into its range. */
    public FloatSlider value(double value) {
        set("value", clamp(value));
        return this;
    }

    /** The distance between two positions. */
    public FloatSlider step(double step) {
        if (!(step > 0)) throw new IllegalArgumentException(name() + ": step must be above 0, got " + step);
        set("step", step);
        return this;
    }

    /** How the readout shows the value, in Python's format mini-language (default {@code .2f}). */
    public FloatSlider format(String readoutFormat) {
        set("readout_format", readoutFormat);
        return this;
    }

    /** Reports every step of a drag (true), or only where the user lets go (false, the default). */
    public FloatSlider continuous(boolean continuous) {
        set("continuous_update", continuous);
        return this;
    }

    private double clamp(double v) {
        return Math.max((Double) get("min"), Math.min((Double) get("max"), v));
    }

    @Override
    String valueAttribute() {
        return "value";
    }

    @Override
    Object accept(String name, Object raw) {
        if (!name.equals("value")) return super.accept(name, raw);
        return clamp(number(name, raw));
    }
}
