package concurrencylab.widget;

/**
 * A button that stays pressed or not ({@code ToggleButtonModel}).
 *
 * <pre>{@code
 * var virtual = Widgets.toggle("virtual threads", false);
 * }</pre>
 */
public final class ToggleButton extends Control<Boolean> {

    ToggleButton(String name, boolean value) {
        super("ToggleButtonModel", "ToggleButtonView", name, Style.toggleButton());
        attribute("button_style", "");
        attribute("icon", "");
        attribute("value", value);
    }

    @Override
    public Boolean value() {
        return (Boolean) get("value");
    }

    public ToggleButton value(boolean value) {
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
