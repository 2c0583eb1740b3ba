package concurrencylab.widget;

import java.util.List;

/**
 * The CSS layout of a widget ({@code LayoutModel} of {@code @jupyter-widgets/base}): every attribute
 * unset (null) until given. Names are the CSS properties', with {@code -} as {@code _}.
 *
 * <pre>{@code
 * slider.layout().width("420px");
 * box.layout().set("justify-content", "space-between");
 * }</pre>
 */
public final class Layout extends Widget {
    static final List<String> PROPERTIES = List.of("align_content", "align_items", "align_self", "border_bottom",
            "border_left", "border_right", "border_top", "bottom", "display", "flex", "flex_flow", "grid_area",
            "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap", "grid_row",
            "grid_template_areas", "grid_template_columns", "grid_template_rows", "height", "justify_content",
            "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width", "object_fit",
            "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width");

    Layout() {
        super("LayoutModel", BASE, "LayoutView", BASE);
        for (String p : PROPERTIES) attribute(p, null);
    }

    /** Sets a CSS property ({@code "max-width"} or {@code "max_width"}); null unsets it. */
    public Layout set(String property, String value) {
        String name = property.replace('-', '_');
        if (!PROPERTIES.contains(name)) {
            throw new IllegalArgumentException("a widget layout has no property '" + property + "'; it has: " + String.join(", ", PROPERTIES));
        }
        super.set(name, (Object) value);
        return this;
    }

    public Layout width(String css) {
        return set("width", css);
    }

    public Layout height(String css) {
        return set("height", css);
    }

    public Layout margin(String css) {
        return set("margin", css);
    }

    public Layout padding(String css) {
        return set("padding", css);
    }

    @Override
    public String toString() {
        return "Layout";
    }
}
