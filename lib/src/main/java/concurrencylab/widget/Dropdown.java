package concurrencylab.widget;

import java.util.List;

/**
 * A choice among options ({@code DropdownModel}), each shown by its {@code toString}. The frontend
 * sends the chosen position; one outside the list is refused.
 *
 * <pre>{@code
 * var strategy = Widgets.dropdown("strategy", "virtual threads", "sequential", "fixed pool", "virtual threads");
 * var pool = Widgets.dropdown("pool", Strategies.fixedPool(4), List.of(Strategies.fixedPool(2), Strategies.fixedPool(4)));
 * }</pre>
 *
 * @param <T> the options' type
 */
public final class Dropdown<T> extends Control<T> {
    private final List<T> options;

    Dropdown(String name, T value, List<T> options) {
        super("DropdownModel", "DropdownView", name, Style.description());
        this.options = List.copyOf(options);
        if (this.options.isEmpty()) throw new IllegalArgumentException(name + ": a dropdown needs at least one option");
        int index = this.options.indexOf(value);
        if (index < 0) throw new IllegalArgumentException(name + ": " + Widgets.text(value) + " is not one of the options " + labels(this.options));
        attribute("_options_labels", labels(this.options));
        attribute("index", index);
    }

    private static List<String> labels(List<?> options) {
        return options.stream().map(Widgets::text).toList();
    }

    @Override
    public T value() {
        return options.get((Integer) get("index"));
    }

    /** Chooses {@code value}, which must be one of the options. */
    public Dropdown<T> value(T value) {
        int index = options.indexOf(value);
        if (index < 0) throw new IllegalArgumentException(name() + ": " + Widgets.text(value) + " is not one of the options " + labels(options));
        set("index", index);
        return this;
    }

    /** The options, in their order. */
    public List<T> options() {
        return options;
    }

    @Override
    String valueAttribute() {
        return "index";
    }

    @Override
    Object accept(String name, Object raw) {
        if (!name.equals("index")) return super.accept(name, raw);
        long i = wholeNumber(name, raw);
        if (i < 0 || i >= options.size()) {
            throw new IllegalArgumentException(this + ": option " + i + " does not exist (0 to " + (options.size() - 1) + "); kept " + get("index"));
        }
        return (int) i;
    }
}
