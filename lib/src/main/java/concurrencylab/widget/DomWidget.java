package concurrencylab.widget;

import java.util.List;

/**
 * A widget with a view on the page: CSS classes, a {@link Layout}, a tooltip. The attributes every
 * ipywidgets 8 {@code DOMWidget} has.
 */
public abstract class DomWidget extends Widget {
    private final Layout layout = new Layout();

    DomWidget(String model, String module, String view) {
        super(model, module, view, module);
        attribute("_dom_classes", List.of());
        attribute("layout", layout);
        attribute("tabbable", null);
        attribute("tooltip", null);
    }

    /** The widget's CSS layout: its width, margins, ... */
    public Layout layout() {
        return layout;
    }

    /** Closes the widget and its layout. */
    @Override
    public void close() {
        super.close();
        layout.close();
    }

    /** Shows {@code text} when the pointer rests on the widget; null for none. */
    public DomWidget tooltip(String text) {
        set("tooltip", text);
        return this;
    }
}
