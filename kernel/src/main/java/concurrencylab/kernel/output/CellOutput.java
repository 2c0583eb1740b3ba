package concurrencylab.kernel.output;

import concurrencylab.spi.OutputArea;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One executing (or executed) cell as a destination for output: the request whose header becomes
 * the parent of every stream message, so the frontend puts the text under that cell. A widget's
 * callback writes to an {@link OutputArea} instead (the output widget's state), under the request
 * that asked for the run.
 */
public final class CellOutput {
    private final MessageContext request;
    private final int executionCount;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean finished;

    private final OutputArea area;

    public CellOutput(MessageContext request, int executionCount) {
        this(request, executionCount, null);
    }

    /** Output of a widget's callback, run for {@code request}, shown in {@code area}. */
    public CellOutput(MessageContext request, int executionCount, OutputArea area) {
        this.request = request;
        this.executionCount = executionCount;
        this.area = area;
    }

    /** Where a widget's callback shows its output, or null for a cell's own output. */
    public OutputArea area() {
        return area;
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
