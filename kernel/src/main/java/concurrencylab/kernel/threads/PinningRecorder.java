package concurrencylab.kernel.threads;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records where virtual threads were pinned while code runs: the JDK's flight recorder posts a
 * {@code jdk.VirtualThreadPinned} event each time a virtual thread blocks and cannot unmount from its
 * carrier (a native frame or a class initialiser on its stack; on JDK 25 no longer {@code synchronized},
 * JEP 491), with how long it stayed blocked, the JDK's reason and the stack. The JDK's default
 * recording keeps only events of 20 ms or more; this one sets the event's {@code threshold} to 0 and
 * keeps them all. A recording stream delivers the events as they come; {@link #stop} waits for the last.
 *
 * <pre>{@code
 * try (var recorder = PinningRecorder.start()) {
 *     Thread.ofVirtual().start(() -> nativeCallThatSleeps()).join();
 *     display(recorder.stop(cellLines));   // "Virtual threads were pinned 1 time, 30 ms in all..."
 * }
 * }</pre>
 */
public final class PinningRecorder implements AutoCloseable {
    static final String EVENT = "jdk.VirtualThreadPinned";

    private final RecordingStream stream;
    private final List<Pin> pins = Collections.synchronizedList(new ArrayList<>());
    private final long startNanos;
    private boolean stopped;

    /**
     * One pinning, as the event tells it.
     *
     * @param nanos     how long the virtual thread stayed blocked on its carrier
     * @param reason    the JDK's reason ({@code pinnedReason}): {@code Native or VM frame on stack}, ...
     * @param operation what it blocked in ({@code blockingOperation}: {@code LockSupport.park}, ...)
     * @param threadId  the virtual thread
     * @param stack     its frames, innermost first; a native frame has line -2
     */
    record Pin(long nanos, String reason, String operation, long threadId, List<StackTraceElement> stack) {}

    private PinningRecorder() {
        long t0 = System.nanoTime();
        stream = new RecordingStream();
        stream.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
        stream.onEvent(EVENT, e -> pins.add(pin(e)));
        stream.startAsync();
        startNanos = System.nanoTime() - t0;
    }

    /** Starts recording now (the flight recorder's first start in a JVM takes a few hundred milliseconds). */
    public static PinningRecorder start() {
        return new PinningRecorder();
    }

    /** Stops recording, waits for the events still on their way, and reports them with frames named in {@code lines}. */
    public PinningReport stop(CellLines lines) {
        if (!stopped) {
            stopped = true;
            stream.stop();
        }
        synchronized (pins) {
            return new PinningReport(List.copyOf(pins), lines, startNanos);
        }
    }

    @Override
    public void close() {
        stream.close();
    }

    private static Pin pin(RecordedEvent e) {
        List<StackTraceElement> stack = new ArrayList<>();
        if (e.getStackTrace() != null) {
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (!f.isJavaFrame()) continue;
                stack.add(new StackTraceElement(f.getMethod().getType().getName(), f.getMethod().getName(), null,
                        "Native".equals(f.getType()) ? -2 : f.getLineNumber()));
            }
        }
        long thread = e.getThread("eventThread") == null ? -1 : e.getThread("eventThread").getJavaThreadId();
        return new Pin(e.getDuration().toNanos(), string(e, "pinnedReason"), string(e, "blockingOperation"), thread, stack);
    }

    private static String string(RecordedEvent e, String field) {
        return e.hasField(field) ? String.valueOf(e.getString(field)) : "";
    }
}
