package concurrencylab.spi;

import java.util.List;
import java.util.Map;

/**
 * Where the output of a widget's callback goes instead of a cell: the library's output widget
 * ({@code concurrencylab.widget.Output}), whose state is the list of outputs a frontend draws. The
 * kernel turns what the callback prints and displays into these calls.
 *
 * <pre>{@code
 * area.clear(true);                                        // at the next output
 * area.stream("stdout", "run 1/3: 0.61 s\n");
 * area.display(null, Map.of("image/png", base64, "text/plain", "chart: Wall time"), Map.of());
 * }</pre>
 */
public interface OutputArea {

    /** Text printed to {@code stdout} or {@code stderr} ({@code name}). */
    void stream(String name, String text);

    /**
     * A displayed value as MIME type to data; with a {@code displayId} seen before, it replaces that
     * display in place (a progress line), otherwise it is added.
     */
    void display(String displayId, Map<String, Object> data, Map<String, Object> metadata);

    /** An error, as Jupyter shows one: name, message, traceback lines. */
    void error(String ename, String evalue, List<String> traceback);

    /** Removes every output; with {@code wait}, only when the next one arrives (no flicker). */
    void clear(boolean wait);
}
