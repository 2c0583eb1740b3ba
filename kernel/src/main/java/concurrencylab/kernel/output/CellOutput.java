package concurrencylab.kernel.output;

import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One executing (or executed) cell as a destination for output: the request whose header becomes
 * the parent of every stream message, so the frontend puts the text under that cell.
 */
public final class CellOutput {
    private final MessageContext request;
    private final int executionCount;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean finished;

    public CellOutput(MessageContext request, int executionCount) {
        this.request = request;
        this.executionCount = executionCount;
    }

    public MessageContext request() {
        return request;
    }

    public int executionCount() {
        return executionCount;
    }

    public boolean finished() {
        return finished;
    }

    void finish() {
        finished = true;
    }

    AtomicLong published() {
        return published;
    }

    AtomicLong dropped() {
        return dropped;
    }
}
