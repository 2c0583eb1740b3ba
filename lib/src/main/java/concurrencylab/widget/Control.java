package concurrencylab.widget;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A control with a name (its description, shown beside it) and a value the user changes: a slider, a
 * dropdown, a checkbox, a toggle. {@link Widgets#interact} takes controls and calls its function
 * with their values.
 *
 * <pre>{@code
 * Control<Integer> workers = Widgets.intSlider("workers", 4, 1, 16);
 * workers.onChange(n -> System.out.println(n + " workers"));
 * int now = workers.value();
 * }</pre>
 *
 * @param <T> the value's type
 */
public abstract class Control<T> extends DomWidget {
    private final Style style;

    Control(String model, String view, String name, Style style) {
        super(model, CONTROLS, view);
        this.style = style;
        attribute("description", Objects.requireNonNull(name, "a control needs a name"));
        attribute("description_allow_html", false);
        attribute("disabled", false);
        attribute("style", style);
    }

    /** The control's name, shown beside it; {@link Values} are looked up by it. */
    public final String name() {
        return (String) get("description");
    }

    /** The value now. */
    public abstract T value();

    /** The attribute the frontend changes when the user moves the control. */
    abstract String valueAttribute();

    /** The value as a status line shows it: {@code workers = 8}. */
    String describe() {
        return name() + " = " + Widgets.text(value());
    }

    /** Calls {@code listener} with the new value after each change, from the frontend or from code. */
    public Control<T> onChange(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listen((attribute, v) -> {
            if (attribute.equals(valueAttribute())) listener.accept(value());
        });
        return this;
    }

    /** Greys the control out (true) or lets the user change it again. */
    public Control<T> disabled(boolean disabled) {
        set("disabled", disabled);
        return this;
    }

    /** Closes the widget, its layout and its style. */
    @Override
    public void close() {
        super.close();
        style.close();
    }

    /** The control's style model (the width of its description, colours). */
    public Style style() {
        return style;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + describe() + ")";
    }
}
