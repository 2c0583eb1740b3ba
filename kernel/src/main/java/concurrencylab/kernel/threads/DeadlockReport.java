package concurrencylab.kernel.threads;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.List;

/**
 * A deadlock as the cell shows it the moment the watch finds it: which threads wait for which locks,
 * held by whom, at which cell lines, and what an interrupt can and cannot do about it. An HTML table
 * with a plain-text twin; {@link #drawing()} is the cycle drawn.
 *
 * <pre>{@code
 * var report = census.report(deadlock);
 * display.show(report);             // the table
 * display.show(report.drawing());   // the cycle, as SVG
 * }</pre>
 */
public final class DeadlockReport extends RichOutput {
    private final Deadlock deadlock;
    private final ThreadWords words;

    DeadlockReport(Deadlock deadlock, ThreadWords words) {
        this.deadlock = deadlock;
        this.words = words;
    }

    /** The deadlock reported. */
    public Deadlock deadlock() {
        return deadlock;
    }

    /** The wait-for cycle drawn: threads and locks in a ring, arrows from waiter to lock to holder. */
    public WaitForDrawing drawing() {
        return new WaitForDrawing(deadlock, words);
    }

    /** {@code Deadlock: 2 threads wait for each other, and none can go on.} */
    public String headline() {
        int n = deadlock.threads().size();
        return "Deadlock: " + (n == 2 ? "2 threads wait for each other" : n + " threads wait for each other in a cycle")
                + ", and none can go on.";
    }

    /** One line per thread: who, what it waits for, where, and who holds it. */
    public List<String> threadLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < deadlock.threads().size(); i++) {
            ThreadRow t = deadlock.threads().get(i);
            lines.add(words.who(t) + " " + words.waits(t, deadlock.holderOf(i)));
        }
        return lines;
    }

    /** What an interrupt does to these threads, and how the deadlock was found when virtual threads are in it. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        long deaf = deadlock.threads().stream().filter(DeadlockReport::ignoresInterrupts).count();
        if (deaf > 0) {
            notes.add((deaf == deadlock.threads().size() ? "None of them" : deaf + " of them") + " can be interrupted: a thread"
                    + " blocked entering synchronized, or in ReentrantLock.lock(), ignores interrupts. Stopping the cell"
                    + " ends the cell, not " + (deaf == 1 ? "it" : "them") + "; " + (deaf == 1 ? "it stays" : "they stay")
                    + " until the kernel restarts (%threads lists " + (deaf == 1 ? "it" : "them") + ").");
        }
        if (deadlock.hasVirtual()) {
            notes.add("Found in the JDK's thread dump: its own deadlock detection (ThreadMXBean.findDeadlockedThreads)"
                    + " looks at platform threads only.");
        }
        return notes;
    }

    /** True for a thread an interrupt cannot take out of its wait. */
    static boolean ignoresInterrupts(ThreadRow t) {
        if (t.waiting() == null) return false;
        if (t.waiting().kind() == Waiting.Kind.MONITOR) return true;
        if (t.waiting().kind() != Waiting.Kind.LOCK) return false;
        String call = Frames.call(t.stack());
        return call == null || !(call.endsWith("Interruptibly") || call.endsWith("tryLock"));
    }

    @Override
    MIMEType richType() {
        return MIMEType.TEXT_HTML;
    }

    @Override
    String rich() {
        StringBuilder h = new StringBuilder("<div style=\"border-left:4px solid #d62728;padding:2px 10px;margin:4px 0\">\n");
        h.append("<p style=\"margin:4px 0\"><b style=\"color:#d62728\">Deadlock</b>: ")
                .append(escape(headline().substring("Deadlock: ".length()))).append("</p>\n");
        h.append("<table>\n<thead><tr>");
        for (String header : new String[]{"thread", "waits", "for the lock", "at", "held by"}) {
            h.append("<th style=\"text-align:left\">").append(header).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < deadlock.threads().size(); i++) {
            ThreadRow t = deadlock.threads().get(i);
            ThreadRow holder = deadlock.holderOf(i);
            String in = words.holdingFrame(holder, t.waiting().lock());
            String at = words.innermostCellLine(t);
            h.append("<tr><td style=\"text-align:left\"><b>").append(escape(t.label())).append("</b> <small>(").append(t.virtual() ? "virtual" : "platform")
                    .append(t.cell() >= 0 ? ", cell [" + t.cell() + "]" : "").append(")</small></td>")
                    .append("<td style=\"text-align:left\">").append(t.waiting().kind() == Waiting.Kind.MONITOR ? "to enter synchronized" : "to lock").append("</td>")
                    .append("<td style=\"text-align:left\"><code>").append(escape(words.lockInFull(t.waiting().lock()))).append("</code></td>")
                    .append("<td style=\"text-align:left\">").append(at == null ? "" : escape(at)).append("</td>")
                    .append("<td style=\"text-align:left\"><b>").append(escape(holder.label())).append("</b>")
                    .append(in == null ? "" : " <small>in " + escape(in) + "</small>").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        for (String note : notes()) h.append("<p style=\"margin:4px 0\">").append(escape(note)).append("</p>\n");
        return h.append("</div>").toString();
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        lines.add(headline());
        for (String l : threadLines()) lines.add("  " + l);
        lines.addAll(notes());
        return String.join("\n", lines);
    }
}
