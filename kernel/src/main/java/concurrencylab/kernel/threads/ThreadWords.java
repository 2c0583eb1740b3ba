package concurrencylab.kernel.threads;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentences the table, the deadlock report and the interrupt's error share: a thread named with
 * its kind, what it waits for and who holds it, and where in the cells it is.
 *
 * <pre>{@code
 * words.who(row);        // "t1" (platform, started in cell [5])
 * words.waits(row);      // waits to enter synchronized (lockB) at cell [5] line 6, held by "t2" (since cell [5] line 12)
 * }</pre>
 */
final class ThreadWords {
    private final CellLines lines;
    private final LockNames locks;

    ThreadWords(CellLines lines, LockNames locks) {
        this.lines = lines;
        this.locks = locks;
    }

    /** {@code "t1" (platform, started in cell [5])}. */
    String who(ThreadRow t) {
        String kind = t.virtual() ? "virtual" : "platform";
        String origin = t.runsCell() ? ", runs cell [" + t.cell() + "]" : t.cell() >= 0 ? ", started in cell [" + t.cell() + "]" : "";
        return "\"" + t.label() + "\" (" + kind + origin + ")";
    }

    /** The lock's name: {@code lockA} when a cell variable holds it, else the JDK's {@code Object@1b2c3d}. */
    String lock(LockRef lock) {
        return locks.name(lock);
    }

    /** {@code lockA (Object@1b2c3d)}. */
    String lockInFull(LockRef lock) {
        return locks.fullName(lock);
    }

    /**
     * What it waits for, where, and who holds it: {@code waits to enter synchronized (lockB (Object@1b2c3d))
     * at cell [5] line 6, held by "t2"}; null when it waits for nothing. Where the holder holds it is named
     * when that is another frame than the one it waits in ({@code held by "t2" in transfer (cell [3] line 4)}).
     */
    String waits(ThreadRow t, ThreadRow holder) {
        if (t.waiting() == null) return null;
        StringBuilder s = new StringBuilder("waits ").append(t.waiting().describe(lockInFull(t.waiting().lock())));
        String at = innermostCellLine(t);
        if (at != null) s.append(" at ").append(at);
        if (t.waiting().kind().hasHolder()) {
            if (t.holderId() >= 0) {
                s.append(", held by \"").append(holder != null ? holder.label() : t.holderName()).append("\"");
                String in = holder == null ? null : holdingFrame(holder, t.waiting().lock());
                if (in != null) s.append(" in ").append(in);
            } else {
                s.append(", held by ").append(unknownHolder(t));
            }
        }
        return s.toString();
    }

    /**
     * The frame of cell code in which {@code holder} holds {@code lock} (a monitor: the JDK records the frame,
     * not the line where it was taken), when that is not the frame it now waits or runs in; else null.
     */
    String holdingFrame(ThreadRow holder, LockRef lock) {
        StackTraceElement frame = holder.frameHolding(lock);
        String name = frame == null ? null : lines.name(frame);
        return name == null || name.equals(innermostCellLine(holder)) ? null : name;
    }

    /** Who holds a lock the JDK does not name the holder of. */
    static String unknownHolder(ThreadRow t) {
        return t.waiting().kind() == Waiting.Kind.LOCK
                ? "a thread the JDK does not name (it names no virtual thread as the holder of a java.util.concurrent lock)"
                : "no thread the JDK names";
    }

    /** A frame in cell lines, or null when it is not cell code. */
    String cellLinesName(StackTraceElement frame) {
        return lines.name(frame);
    }

    /** The innermost frame of cell code in its stack, named in cell lines; null if none. */
    String innermostCellLine(ThreadRow t) {
        for (StackTraceElement f : t.stack()) {
            String name = lines.name(f);
            if (name != null) return name;
        }
        return null;
    }

    /** Up to {@code max} frames of cell code, innermost first, without repeats. */
    List<String> cellFrames(ThreadRow t, int max) {
        List<String> found = new ArrayList<>();
        for (StackTraceElement f : t.stack()) {
            String name = lines.name(f);
            if (name != null && !found.contains(name)) found.add(name);
            if (found.size() == max) break;
        }
        return found;
    }
}
