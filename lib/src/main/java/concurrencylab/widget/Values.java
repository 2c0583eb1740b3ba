package concurrencylab.widget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The values of an {@link Interact}'s controls at the moment a run was asked for, by control name:
 * a run sees one consistent set even while the user moves a slider again.
 *
 * <pre>{@code
 * Widgets.interact(v -> Charts.wallTimes(measure(v.getInt("workers"), v.getInt("files"))), workers, files);
 * }</pre>
 */
public final class Values {
    private final Map<String, Object> values;
    private final Consumer<String> progress;

    Values(Map<String, Object> values, Consumer<String> progress) {
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.progress = progress;
    }

    /** The value of the control named {@code name}. */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no control named '" + name + "'; the controls are: " + String.join(", ", values.keySet()));
        }
        return values.get(name);
    }

    /** The value of {@code control} in this run. */
    public <T> T get(Control<T> control) {
        @SuppressWarnings("unchecked") T v = (T) get(control.name());
        return v;
    }

    /** The value of a slider (or any control with a number) as an int. */
    public int getInt(String name) {
        return number(name).intValue();
    }

    /** The value of a control with a number as a double. */
    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    /** The value of a checkbox or toggle. */
    public boolean getBoolean(String name) {
        if (get(name) instanceof Boolean b) return b;
        throw new IllegalArgumentException("control '" + name + "' holds " + Widgets.text(get(name)) + ", not true or false");
    }

    /** The value of a dropdown of strings, or any value as text. */
    public String getString(String name) {
        return Widgets.text(get(name));
    }

    private Number number(String name) {
        if (get(name) instanceof Number n) return n;
        throw new IllegalArgumentException("control '" + name + "' holds " + Widgets.text(get(name)) + ", not a number");
    }

    /** The controls' names, in order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Shows {@code line} in the interact's status line while this run goes on (a measurement's progress). */
    public void progress(String line) {
        progress.accept(line);
    }

    /** {@code workers = 8, files = 10} */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + " = " + Widgets.text(e.getValue())).collect(Collectors.joining(", "));
    }
}
