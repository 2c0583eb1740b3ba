package concurrencylab.widget;

/**
 * A line of text ({@code LabelModel}), changed from code: a status, a result.
 *
 * <pre>{@code
 * var status = Widgets.label("idle");
 * status.text("measuring...");
 * }</pre>
 */
public final class Label extends DomWidget {
    private final Style style = Style.label();

    Label(String text) {
        super("LabelModel", CONTROLS, "LabelView");
        attribute("description", "");
        attribute("description_allow_html", false);
        attribute("placeholder", "\u200b");
        attribute("style", style);
        attribute("value", text == null ? "" : text);
    }

    /** The text shown now. */
    public String text() {
        return (String) get("value");
    }

    /** Shows {@code text} instead. */
    public Label text(String text) {
        set("value", text == null ? "" : text);
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
    public String toString() {
        return "Label(" + text() + ")";
    }
}
