package concurrencylab.kernel.channels;

import org.slf4j.Logger;
import org.zeromq.ZMQ;

/**
 * A channel's receive loop that blocks in {@code poll} until a message arrives, instead of the protocol
 * library's loops that sleep 50 ms between polls (which puts a 50 ms floor under every reply).
 */
final class ChannelLoop extends Thread {
    private static final int POLL_TIMEOUT_MS = 200; // only bounds how long close() waits

    private final ZMQ.Poller poller;
    private final Runnable onMessage;
    private final Logger log;
    private volatile boolean running = true;

    ChannelLoop(String name, ZMQ.Context ctx, ZMQ.Socket socket, Runnable onMessage, Logger log) {
        super(name);
        setDaemon(true);
        this.poller = ctx.poller(1);
        this.poller.register(socket, ZMQ.Poller.POLLIN);
        this.onMessage = onMessage;
        this.log = log;
    }

    @Override
    public void run() {
        while (running) {
            int events;
            try {
                events = poller.poll(POLL_TIMEOUT_MS);
            } catch (RuntimeException e) {
                if (!running) break;
                log.warn("{}: poll failed: {}", getName(), e.toString());
                continue;
            }
            if (events > 0 && running) {
                try {
                    onMessage.run();
                } catch (SecurityException e) {
                    // A message with a bad signature: drop it and keep serving (the library's loop dies here).
                    log.warn("{}: dropped a message with an invalid signature", getName());
                } catch (RuntimeException e) {
                    log.warn("{}: error while handling a message: {}", getName(), e.toString());
                }
            }
        }
    }

    void shutdown() {
        running = false;
    }
}
