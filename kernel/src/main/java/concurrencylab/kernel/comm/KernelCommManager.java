package concurrencylab.kernel.comm;

import org.dflib.jjava.jupyter.channels.ReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol library's comm manager, safe to use from several threads: the shell thread handles the
 * frontend's comm messages while cells and widget callbacks open, update and close comms on theirs.
 * The library dispatches {@code comm_open} (an unknown target is answered with {@code comm_close}),
 * {@code comm_msg} and {@code comm_close} to it, busy and idle around each; {@code comm_info_request}
 * is answered here, with the {@code status} the protocol requires and the library's reply lacks.
 */
public final class KernelCommManager extends CommManager {
    public KernelCommManager() {
        this.targets = new ConcurrentHashMap<>();
        this.comms = new ConcurrentHashMap<>();
    }

    @Override
    public void handleCommInfoRequest(ReplyEnvironment env, Message<CommInfoRequest> request) {
        env.setBusyDeferIdle();
        String target = request.getContent().getTargetName();
        Map<String, CommInfoReply.CommInfo> found = new LinkedHashMap<>();
        for (Comm c : this) {
            if (target == null || target.equals(c.getTargetName())) found.put(c.getID(), new CommInfoReply.CommInfo(c.getTargetName()));
        }
        env.reply(new Reply(found));
    }

    /** {@code comm_info_reply} with its {@code status}. */
    static final class Reply extends CommInfoReply {
        @SuppressWarnings("unused") // serialized by Gson
        private final String status = "ok";

        Reply(Map<String, CommInfo> comms) {
            super(comms);
        }
    }
}
