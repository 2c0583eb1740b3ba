package concurrencylab.spi;

import java.util.List;
import java.util.Map;

/**
 * A widget model as the kernel sees it: its state in JSON terms (strings, numbers, booleans, null,
 * lists and maps; another widget as {@code "IPY_MODEL_<id>"}), and what it does with the frontend's
 * messages. The library's {@code concurrencylab.widget.Widget} implements it.
 */
public interface WidgetPeer {

    /** Every attribute, as {@code comm_open} and {@code request_state} send it. */
    Map<String, Object> state();

    /** The frontend changed some attributes ({@code update}); what was kept, corrected and refused. */
    Received receive(Map<String, Object> changes);

    /** A custom message from the frontend (a button's click is {@code {"event": "click"}}). */
    void custom(Map<String, Object> content);

    /** The frontend closed the comm. */
    void closed();

    /**
     * What became of a frontend's change.
     *
     * @param accepted  the attributes taken as sent, echoed back to every frontend ({@code echo_update})
     * @param corrected attributes whose value was clamped or refused, with the value now held ({@code update})
     * @param notes     one line for each value clamped or refused, naming it
     */
    record Received(Map<String, Object> accepted, Map<String, Object> corrected, List<String> notes) {
        public Received {
            accepted = Map.copyOf(accepted);
            corrected = Map.copyOf(corrected);
            notes = List.copyOf(notes);
        }
    }
}
