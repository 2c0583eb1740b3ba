package concurrencylab.kernel.magic;

import concurrencylab.kernel.threads.PinningRecorder;

import java.util.List;

/**
 * {@code %%pinning} (and {@code %pinning CODE}): runs the cell while the JDK's flight recorder records
 * every {@code jdk.VirtualThreadPinned} event, then shows how often virtual threads were pinned to
 * their carrier, for how long, why, and at which frames ({@link PinningRecorder}). The cell's value is
 * still its result.
 */
final class PinningMagic implements Magic {

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%pinning CODE", "run code and report where virtual threads were pinned (JFR)"),
                new Usage("%%pinning", "run the cell and report where virtual threads were pinned"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws Exception {
        return record(magic, magic.rest(), context);
    }

    @Override
    public Object cell(MagicLine magic, String body, MagicContext context) throws Exception {
        if (!magic.args().isEmpty()) throw magic.malformed("%%pinning takes no argument, not '" + magic.rest() + "'");
        return record(magic, body, context);
    }

    private static Object record(MagicLine magic, String code, MagicContext context) throws Exception {
        if (code.isBlank()) throw magic.malformed("%pinning needs code to run, for example %pinning Thread.ofVirtual().start(task).join()");
        var lines = context.threads().cellLines();
        try (PinningRecorder recorder = PinningRecorder.start()) {
            Object value;
            try {
                value = context.evalInCell(code);
            } finally {
                context.display(recorder.stop(lines)); // also when the code failed: what pinned before it did
            }
            return value;
        }
    }
}
