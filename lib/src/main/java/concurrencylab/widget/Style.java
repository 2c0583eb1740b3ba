package concurrencylab.widget;

import java.util.List;

/**
 * A widget's style model ({@code SliderStyleModel}, {@code ButtonStyleModel}, ...), each with the
 * attributes ipywidgets 8 gives it, all unset but the description width. Every control has the one its
 * model needs.
 *
 * <pre>{@code
 * slider.style().set("description_width", "120px");
 * }</pre>
 */
public final class Style extends Widget {
    private static final List<String> FONT = List.of("font_family", "font_size", "font_style", "font_variant", "font_weight",
            "text_color", "text_decoration");
    private final List<String> names;

    private Style(String model, List<String> nullable, boolean descriptionWidth) {
        super(model, CONTROLS, "StyleView", BASE);
        for (String n : nullable) attribute(n, null);
        if (descriptionWidth) attribute("description_width", "");
        this.names = descriptionWidth ? concat(nullable, List.of("description_width")) : nullable;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static Style slider() {
        return new Style("SliderStyleModel", List.of("handle_color"), true);
    }

    static Style description() {
        return new Style("DescriptionStyleModel", List.of(), true);
    }

    static Style checkbox() {
        return new Style("CheckboxStyleModel", List.of("background"), true);
    }

    static Style button() {
        return new Style("ButtonStyleModel", concat(List.of("button_color"), FONT), false);
    }

    static Style toggleButton() {
        return new Style("ToggleButtonStyleModel", FONT, true);
    }

    static Style label() {
        return new Style("LabelStyleModel", concat(List.of("background"), FONT), true);
    }

    /** Sets a style attribute, such as {@code description_width} or {@code font_weight}; null unsets it. */
    public Style set(String attribute, String value) {
        if (!names.contains(attribute)) {
            throw new IllegalArgumentException(modelName() + " has no attribute '" + attribute + "'; it has: " + String.join(", ", names));
        }
        super.set(attribute, value);
        return this;
    }

    @Override
    public String toString() {
        return modelName();
    }
}
