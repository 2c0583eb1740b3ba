package concurrencylab.kernel.comm;

import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

/**
 * A comm on {@code jupyter.widget.control}, which a widget manager opens when it connects to the
 * kernel (a page loaded or reloaded): its {@code request_states} is answered with every live widget's
 * state in one {@code update_states}, so the widgets reappear without a message per model.
 */
final class ControlComm extends Comm {
    static final String TARGET = "jupyter.widget.control";

    private final KernelWidgetHost host;

    ControlComm(CommManager manager, String id, KernelWidgetHost host) {
        super(manager, id, TARGET);
        this.host = host;
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        host.controlRequest(this, message);
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        // nothing is kept per control comm
    }
}
