package concurrencylab.kernel;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

import java.util.List;
import java.util.Map;

/** Replies the protocol requires a {@code status} in, which the protocol library's classes lack. */
final class Replies {
    private Replies() {}

    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized by Gson
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /**
     * A history reply as the protocol's tuples: {@code [session, line, input]} or
     * {@code [session, line, [input, output]]} (the library only knows how to read them).
     */
    static final class History {
        @SuppressWarnings("unused") // serialized by Gson
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        History(List<HistoryEntry> entries) {
            this.history = entries.stream().map(e -> List.<Object>of(e.getSession(), e.getCellNumber(),
                    e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput())).toList();
        }
    }

    /**
     * An execute reply that opens the pager, as {@code Math.abs?} does in IPython: the protocol's
     * {@code payload} list with one {@code page} entry (JupyterLab shows it under the cell).
     */
    static final class Paged extends ExecuteReply {
        @SuppressWarnings("unused") // serialized by Gson
        private final List<Map<String, Object>> payload;

        Paged(int count, String text) {
            super(count, Map.of());
            this.payload = List.of(Map.of("source", "page", "data", Map.of("text/plain", text), "start", 0));
        }
    }
}
