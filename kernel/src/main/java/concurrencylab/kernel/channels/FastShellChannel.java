package concurrencylab.kernel.channels;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/** The shell or control channel, served by a blocking {@link ChannelLoop}. */
final class FastShellChannel extends ShellChannel {
    private static final Logger LOG = LoggerFactory.getLogger(FastShellChannel.class);

    private final boolean control;
    private final JupyterConnection connection;
    private final ZMQ.Context context;
    private ChannelLoop loop;

    FastShellChannel(ZMQ.Context ctx, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(ctx, hmac, control, connection);
        this.context = ctx;
        this.control = control;
        this.connection = connection;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void bind(KernelConnectionProperties props) {
        int port = control ? props.getControlPort() : props.getShellPort();
        super.bind(props.getTransport() + "://" + props.getIp() + ":" + port);
        loop = new ChannelLoop(control ? "control" : "shell", context, this, () -> {
            Message<?> message = readMessage();
            ShellHandler handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) {
                LOG.warn("unhandled message type {}", message.getHeader().getType().getName());
                return;
            }
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            try {
                handler.handle(env, message);
            } catch (Exception e) {
                LOG.warn("error handling {}: {}", message.getHeader().getType().getName(), e.toString());
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) {
                connection.close();
            }
        }, LOG);
        loop.start();
    }

    @Override
    public synchronized void sendMessage(Message<?> message) {
        super.sendMessage(Timestamps.restamp(message));
    }

    @Override
    public void close() {
        if (loop != null) loop.shutdown();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        if (loop != null) {
            try {
                loop.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
