package concurrencylab.kernel.channels;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;

/**
 * The kernel's five ZeroMQ channels on the protocol library's sockets and messages, with our own
 * receive loops: replies as fast as the socket allows, bad signatures dropped without killing a channel,
 * and microsecond timestamps. Every socket binds to the connection file's address only.
 *
 * <pre>{@code
 * var connection = new FastConnection(KernelConnectionProperties.parse(json));
 * kernel.becomeHandlerForConnection(connection);
 * connection.connect();
 * connection.waitUntilClose();
 * }</pre>
 */
public final class FastConnection extends JupyterConnection {
    private static final Logger LOG = LoggerFactory.getLogger(FastConnection.class);

    private final KernelConnectionProperties props;
    private final ZMQ.Context zmq;
    private final FastShellChannel fastShell;
    private final FastShellChannel fastControl;
    private final StampedIOPub fastIopub;
    private final StdinChannel fastStdin;
    private final ZMQ.Socket heartbeat;
    private Thread heartbeatLoop;
    private volatile boolean closed;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    public FastConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        this.props = props;
        this.zmq = ZMQ.context(1);
        HMACGenerator hmac = props.createHMACGenerator();
        this.fastShell = new FastShellChannel(zmq, hmac, false, this);
        this.fastControl = new FastShellChannel(zmq, hmac, true, this);
        this.fastIopub = new StampedIOPub(zmq, hmac);
        this.fastStdin = new StdinChannel(zmq, hmac);
        this.heartbeat = zmq.socket(SocketType.REP);
    }

    @Override
    public void connect() {
        fastShell.bind(props);
        fastControl.bind(props);
        fastIopub.bind(props);
        fastStdin.bind(props);
        heartbeat.bind(props.getTransport() + "://" + props.getIp() + ":" + props.getHbPort());
        heartbeatLoop = Thread.ofPlatform().daemon(true).name("heartbeat").start(() -> {
            while (!closed) {
                try {
                    byte[] ping = heartbeat.recv(0);
                    if (ping != null) heartbeat.send(ping, 0);
                } catch (RuntimeException e) {
                    if (!closed) LOG.debug("heartbeat: {}", e.toString());
                    break;
                }
            }
            heartbeat.close(); // ZeroMQ sockets belong to one thread: close it where it is used
        });
        fastIopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public IOPubChannel getIOPub() {
        return fastIopub;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
        return new ReplyEnvironment(shell, fastStdin, fastIopub, context);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closedLatch.countDown();
        fastShell.close();
        fastControl.close();
        fastIopub.close();
        fastStdin.close();
        // The process exits right after (KernelMain); terminating the context could block on the heartbeat's recv.
        super.close();
    }

    /**
     * Returns once a shutdown request closed the connection. It does not wait for the shell thread:
     * a cell may still be running there, and a shutdown must not wait for it.
     */
    @Override
    public void waitUntilClose() {
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The IOPub channel, re-stamping every message it publishes. */
    static final class StampedIOPub extends IOPubChannel {
        StampedIOPub(ZMQ.Context ctx, HMACGenerator hmac) {
            super(ctx, hmac);
        }

        @Override
        public synchronized void sendMessage(Message<?> message) {
            super.sendMessage(Timestamps.restamp(message));
        }
    }

    /** Exposes the library's protected reply environment constructor. */
    static final class ReplyEnvironment extends ShellReplyEnvironment {
        ReplyEnvironment(ShellChannel shell, StdinChannel stdin, IOPubChannel iopub, MessageContext context) {
            super(shell, stdin, iopub, context);
        }
    }
}
