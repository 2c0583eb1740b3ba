package concurrencylab.widget;

/**
 * A box to tick ({@code CheckboxModel}).
 *
 * <pre>{@code
 * var warm = Widgets.checkbox("warm up first", true);
 * }</pre>
 */
public final class Checkbox extends Control<Boolean> {

    Checkbox(String name, boolean value) {
        super("CheckboxModel", "CheckboxView", name, Style.checkbox());
        attribute("indent", true);
        attribute("value", value);
    }

    @Override
    public Boolean value() {
        return (Boolean) get("value");
    }

    public Checkbox value(boolean value) {
        set("value", value);
        return this;
    }

    @Override
    String valueAttribute() {
        return "value";
    }

    @Override
    Object accept(String name, Object raw) {
        if (!name.equals("value")) return super.accept(name, raw);
        return bool(name, raw);
    }
}
