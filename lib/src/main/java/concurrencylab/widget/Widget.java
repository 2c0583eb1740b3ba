package concurrencylab.widget;

import concurrencylab.spi.KernelServices;
import concurrencylab.spi.WidgetHost;
import concurrencylab.spi.WidgetPeer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A Jupyter widget model: its attributes as ipywidgets 8 has them for {@code @jupyter-widgets/controls}
 * and {@code base} 2.0.0 and {@code output} 1.0.0, kept here and, once the widget is shown in the
 * Concurrency Lab kernel, mirrored by the frontend's widget manager over a comm ({@link WidgetHost}).
 * Changing an attribute sends it; the frontend's changes arrive through {@link #receive}, which
 * accepts, clamps or refuses each, as the subclass says ({@link #accept}).
 *
 * <p>Outside the kernel a widget keeps its state in memory, so the same code runs in a test.
 *
 * <pre>{@code
 * var workers = Widgets.intSlider("workers", 4, 1, 16);
 * workers.onChange(n -> System.out.println("now " + n));
 * display(workers);     // in a cell: the slider; its comm opens here
 * workers.value(8);     // the slider moves in the frontend too
 * }</pre>
 */
public abstract class Widget {
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String BASE = "@jupyter-widgets/base";
    static final String OUTPUT = "@jupyter-widgets/output";
    private static final AtomicLong LOCAL_IDS = new AtomicLong();

    private final Map<String, Object> state = new LinkedHashMap<>(); // guarded by this
    private final List<BiConsumer<String, Object>> listeners = new CopyOnWriteArrayList<>();
    private final WidgetPeer peer = new Peer();
    private WidgetHost host; // guarded by this
    private volatile String id;
    private volatile boolean closed;

    /** A model of {@code modelModule} and its view of {@code viewModule}, each at the version ipywidgets 8 uses. */
    Widget(String model, String modelModule, String view, String viewModule) {
        attribute("_model_module", modelModule);
        attribute("_model_module_version", version(modelModule));
        attribute("_model_name", model);
        attribute("_view_module", viewModule);
        attribute("_view_module_version", version(viewModule));
        attribute("_view_name", view);
    }

    private static String version(String module) {
        return module.equals(OUTPUT) ? "1.0.0" : "2.0.0";
    }

    /** Declares an attribute with its first value (a JSON value, a widget, or a list of either). */
    final synchronized void attribute(String name, Object value) {
        state.put(name, value);
    }

    /** The current value of attribute {@code name}. */
    final synchronized Object get(String name) {
        if (!state.containsKey(name)) throw new IllegalArgumentException(modelName() + " has no attribute '" + name + "'");
        return state.get(name);
    }

    /** Sets attribute {@code name}, sends it to the frontend once the widget is open, and tells the listeners. */
    final void set(String name, Object value) {
        synchronized (this) {
            if (!state.containsKey(name)) throw new IllegalArgumentException(modelName() + " has no attribute '" + name + "'");
            if (Objects.equals(state.get(name), value)) return;
            openReferences(value);
            state.put(name, value);
            if (id != null && host != null && !closed) host.update(id, Map.of(name, wire(value)));
        }
        fire(name, value);
    }

    /**
     * The value to keep when the frontend sets {@code name} to {@code raw} (a JSON value): {@code raw}
     * itself, a corrected one (clamped into range), or an {@link IllegalArgumentException} whose message
     * says in one line why it is refused. By default every attribute is read-only.
     */
    Object accept(String name, Object raw) {
        throw new IllegalArgumentException(this + ": " + name + " cannot be changed from the frontend");
    }

    /** A custom message from the frontend. */
    void custom(Map<String, Object> content) {}

    /** Calls {@code listener} with the attribute's name and new value after every change, from the notebook or the frontend. */
    final void listen(BiConsumer<String, Object> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void fire(String name, Object value) {
        for (var l : listeners) l.accept(name, value);
    }

    /** The model's name, such as {@code IntSliderModel}. */
    public final String modelName() {
        return (String) get("_model_name");
    }

    /**
     * The model id, opening the widget's comm (and those of the widgets it refers to) on first use; a
     * local id outside the kernel.
     */
    public final String id() {
        String known = id;
        return known != null ? known : open();
    }

    private synchronized String open() {
        if (id != null) return id;
        for (Object v : state.values()) openReferences(v);
        host = KernelServices.widgetHost();
        id = host == null ? "local-" + LOCAL_IDS.incrementAndGet() : host.open(peer);
        return id;
    }

    private static void openReferences(Object value) {
        if (value instanceof Widget w) w.id();
        if (value instanceof List<?> list) list.forEach(Widget::openReferences);
    }

    /** Whether the widget was closed, here or by the frontend. */
    public final boolean isClosed() {
        return closed;
    }

    /** Closes the widget: its views disappear, and the frontend's messages for it are no longer heard. */
    public void close() {
        WidgetHost h;
        String target;
        synchronized (this) {
            if (closed) return;
            closed = true;
            h = host;
            target = id;
        }
        if (h != null && target != null) h.close(target);
    }

    /** The full state in JSON terms: widgets as {@code "IPY_MODEL_<id>"}. */
    final synchronized Map<String, Object> wireState() {
        Map<String, Object> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, wire(v)));
        return out;
    }

    private static Object wire(Object value) {
        if (value instanceof Widget w) return "IPY_MODEL_" + w.id();
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(wire(o));
            return out;
        }
        return value;
    }

    /** What the kernel calls: the widget's side of the spi. */
    final WidgetPeer peer() {
        return peer;
    }

    /** Handles a frontend's {@code update}: each attribute accepted, clamped or refused, then the listeners told. */
    final WidgetPeer.Received receive(Map<String, Object> changes) {
        Map<String, Object> accepted = new LinkedHashMap<>();
        Map<String, Object> corrected = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> changed = new LinkedHashMap<>();
        for (var e : changes.entrySet()) {
            String name = e.getKey();
            Object raw = e.getValue();
            synchronized (this) {
                if (!state.containsKey(name)) {
                    notes.add(this + ": no attribute '" + name + "'; ignored");
                    continue;
                }
                try {
                    Object kept = accept(name, raw);
                    accepted.put(name, raw);
                    if (!sameJson(kept, raw)) {
                        corrected.put(name, wire(kept));
                        notes.add(this + ": " + name + " " + show(raw) + " is out of range; set to " + show(kept));
                    }
                    if (!Objects.equals(state.get(name), kept)) {
                        state.put(name, kept);
                        changed.put(name, kept);
                    }
                } catch (IllegalArgumentException refused) {
                    corrected.put(name, wire(state.get(name)));
                    notes.add(refused.getMessage());
                }
            }
        }
        changed.forEach(this::fire);
        return new WidgetPeer.Received(accepted, corrected, notes);
    }

    private static boolean sameJson(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(a, b);
    }

    static String show(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    }

    private final class Peer implements WidgetPeer {
        @Override
        public Map<String, Object> state() {
            return wireState();
        }

        @Override
        public Received receive(Map<String, Object> changes) {
            return Widget.this.receive(changes);
        }

        @Override
        public void custom(Map<String, Object> content) {
            Widget.this.custom(content);
        }

        @Override
        public void closed() {
            closed = true;
        }
    }

    // ------------------------------------------------------------------ checks of frontend values

    /** {@code raw} as a whole number, or a one-line refusal naming the widget and the value. */
    final long wholeNumber(String name, Object raw) {
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(this + ": " + name + " " + show(raw) + " is not a whole number; kept " + show(get(name)));
    }

    /** {@code raw} as a finite number, or a one-line refusal. */
    final double number(String name, Object raw) {
        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
        throw new IllegalArgumentException(this + ": " + name + " " + show(raw) + " is not a number; kept " + show(get(name)));
    }

    /** {@code raw} as a boolean, or a one-line refusal. */
    final boolean bool(String name, Object raw) {
        if (raw instanceof Boolean b) return b;
        throw new IllegalArgumentException(this + ": " + name + " " + show(raw) + " is not true or false; kept " + show(get(name)));
    }

    /** The attribute names, for tests and tools. */
    final synchronized Set<String> attributes() {
        return Set.copyOf(state.keySet());
    }
}
