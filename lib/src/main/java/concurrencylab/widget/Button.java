package concurrencylab.widget;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A button ({@code ButtonModel}); each click calls its handlers, on the kernel's thread that reads the
 * frontend's messages, so a handler should be quick (it may stop or start work, not do it).
 *
 * <pre>{@code
 * var again = Widgets.button("measure again").onClick(() -> rerun());
 * }</pre>
 */
public final class Button extends DomWidget {
    private final List<Runnable> handlers = new CopyOnWriteArrayList<>();
    private final Style style = Style.button();

    Button(String description) {
        super("ButtonModel", CONTROLS, "ButtonView");
        attribute("button_style", "");
        attribute("description", Objects.requireNonNull(description, "description"));
        attribute("disabled", false);
        attribute("icon", "");
        attribute("style", style);
    }

    /** Calls {@code handler} at each click. */
    public Button onClick(Runnable handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Clicks the button as the user does: its handlers run. */
    public void click() {
        if (Boolean.TRUE.equals(get("disabled"))) return;
        handlers.forEach(Runnable::run);
    }

    /** Greys the button out (true), or lets it be clicked again. */
    public Button disabled(boolean disabled) {
        set("disabled", disabled);
        return this;
    }

    /** Its look: "primary", "success", "info", "warning", "danger", or "" for the plain one. */
    public Button buttonStyle(String buttonStyle) {
        if (!List.of("primary", "success", "info", "warning", "danger", "").contains(buttonStyle)) {
            throw new IllegalArgumentException("button style must be primary, success, info, warning, danger or \"\", got '" + buttonStyle + "'");
        }
        set("button_style", buttonStyle);
        return this;
    }

    /** A Font Awesome icon name without {@code fa-}, such as {@code "stop"}. */
    public Button icon(String icon) {
        set("icon", icon);
        return this;
    }

    /** Closes the widget, its layout and its style. */
    @Override
    public void close() {
        super.close();
        style.close();
    }

    public Style style() {
        return style;
    }

    @Override
    void custom(Map<String, Object> content) {
        if ("click".equals(content.get("event"))) click();
    }

    @Override
    public String toString() {
        return "Button(" + get("description") + ")";
    }
}
