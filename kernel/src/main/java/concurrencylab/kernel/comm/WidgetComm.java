package concurrencylab.kernel.comm;

import concurrencylab.spi.WidgetPeer;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

/** The comm of one widget model (target {@code jupyter.widget}): the frontend's messages go to the host. */
final class WidgetComm extends Comm {
    static final String TARGET = "jupyter.widget";

    private final WidgetPeer widget;
    private final KernelWidgetHost host;

    WidgetComm(CommManager manager, String id, WidgetPeer widget, KernelWidgetHost host) {
        super(manager, id, TARGET);
        this.widget = widget;
        this.host = host;
    }

    WidgetPeer widget() {
        return widget;
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        host.received(this, message);
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        if (!sending) widget.closed();
    }
}
