package concurrencylab.kernel.channels;

import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Re-stamps outgoing messages with microsecond ISO-8601 times: the protocol library writes minutes,
 * which breaks JupyterLab's cell timing.
 */
final class Timestamps {
    private Timestamps() {}

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    static String now() {
        return MICROS.format(Instant.now());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> restamp(Message<?> m) {
        Header<?> h = m.getHeader();
        Header<?> stamped = new Header(h.getId(), h.getUsername(), h.getSessionId(), new KernelTimestamp(now()),
                h.getType(), h.getVersion());
        return new Message(m.getIdentities(), stamped, m.getParentHeader(), m.getMetadata(), m.getContent(), m.getBlobs());
    }
}
