package concurrencylab.widget;

import java.util.List;

/**
 * Widgets side by side ({@code HBoxModel}, {@link Widgets#hbox}) or one above the other
 * ({@code VBoxModel}, {@link Widgets#vbox}).
 *
 * <pre>{@code
 * display(Widgets.vbox(Widgets.hbox(workers, tasks), output));
 * }</pre>
 */
public final class Box extends DomWidget {

    Box(boolean horizontal, List<? extends Widget> children) {
        super(horizontal ? "HBoxModel" : "VBoxModel", CONTROLS, horizontal ? "HBoxView" : "VBoxView");
        for (Widget c : children) {
            if (c == null) throw new IllegalArgumentException("a box's children must not be null");
        }
        attribute("box_style", "");
        attribute("children", List.copyOf(children));
    }

    /** The widgets in the box, in order. */
    @SuppressWarnings("unchecked")
    public List<Widget> children() {
        return (List<Widget>) get("children");
    }

    /** Replaces the widgets in the box. */
    public Box children(List<? extends Widget> children) {
        set("children", List.copyOf(children));
        return this;
    }

    @Override
    public String toString() {
        return modelName().replace("Model", "") + children();
    }
}
