package concurrencylab.widget;

/**
 * A slider on a logarithmic scale ({@code FloatLogSliderModel}): equal moves multiply the value by
 * the same factor, 10 steps per decade, so 1 ms to 1000 ms fits one slider. The range is given in
 * values, not exponents.
 *
 * <pre>{@code
 * var taskMillis = Widgets.floatLogSlider("task ms", 20, 1, 1000);
 * }</pre>
 */
public final class FloatLogSlider extends Control<Double> {

    FloatLogSlider(String name, double value, double min, double max) {
        super("FloatLogSliderModel", "FloatLogSliderView", name, Style.slider());
        Widgets.checkRange(name, value, min, max);
        if (!(Math.min(min, value) > 0)) throw new IllegalArgumentException(name + ": a log slider's values must be above 0, got " + Math.min(min, value));
        attribute("base", 10.0);
        attribute("behavior", "drag-tap");
        attribute("continuous_update", false);
        attribute("max", Math.log10(Math.max(max, value)));
        attribute("min", Math.log10(Math.min(min, value)));
        attribute("orientation", "horizontal");
        attribute("readout", true);
        attribute("readout_format", ".3g");
        attribute("step", 0.1);
        attribute("value", value);
    }

    @Override
    public Double value() {
        return (Double) get("value");
    }

    /** Moves the slider to {@code value}, clamped into its range. */
    public FloatLogSlider value(double value) {
        set("value", clamp(value));
        return this;
    }

    /** Reports every step of a drag (true), or only where the user lets go (false, the default). */
    public FloatLogSlider continuous(boolean continuous) {
        set("continuous_update", continuous);
        return this;
    }

    private double clamp(double v) {
        double lo = Math.pow(10, (Double) get("min")), hi = Math.pow(10, (Double) get("max"));
        return Math.max(lo, Math.min(hi, v));
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
