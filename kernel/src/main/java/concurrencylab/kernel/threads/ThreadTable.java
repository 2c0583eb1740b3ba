package concurrencylab.kernel.threads;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code %threads} shows: one row per thread with its name, kind, state, what it waits for and
 * who holds that, the locks it holds, its CPU time, the cell that started it and its innermost frames
 * in cell code. Threads in a deadlock, and threads that outlived an interrupt, say so in their state.
 * An HTML table with a plain-text twin.
 *
 * <pre>{@code
 * ThreadTable table = census.table(census.notebookThreads(), false);
 * table.toString();   // the text form
 * }</pre>
 */
public final class ThreadTable extends RichOutput {
    private static final String[] HEADERS = {"thread", "kind", "state", "in", "waits for", "held by", "holds", "CPU", "started in", "cell code"};
    private static final int TEXT_COLUMN_MAX = 56;

    private final List<ThreadRow> rows;
    private final boolean all;
    private final ThreadWords words;
    private final Set<Long> deadlocked = new HashSet<>();
    private final Map<Long, ThreadRow> byId = new HashMap<>();
    private final ThreadCensus census;
    private final ThreadCensus.WatchCost cost;

    ThreadTable(List<ThreadRow> rows, boolean all, ThreadCensus census) {
        this.rows = List.copyOf(rows);
        this.all = all;
        this.census = census;
        this.words = new ThreadWords(census.cellLines(), census.lockNames(rows));
        for (Deadlock d : WaitForGraph.cycles(rows)) deadlocked.addAll(d.ids());
        for (ThreadRow r : rows) byId.put(r.id(), r);
        if (!all) census.forgetEnded(rows);
        this.cost = census.watchCost();
    }

    /** The rows, as shown. */
    public List<ThreadRow> rows() {
        return rows;
    }

    /** The cells of one row, in the order of {@link #HEADERS}. */
    private String[] cells(ThreadRow t) {
        String state = t.state().name();
        if (deadlocked.contains(t.id())) state += ", deadlocked";
        int survived = census.survivorOf(t.id());
        if (survived >= 0) state += ", survived cell [" + survived + "]'s interrupt";
        String call = Frames.call(t.stack());
        String waits = t.waiting() == null ? "" : waitWord(t.waiting()) + words.lock(t.waiting().lock());
        String holder = "";
        if (t.waiting() != null && t.waiting().kind().hasHolder()) {
            ThreadRow h = byId.get(t.holderId());
            holder = t.holderId() >= 0 ? (h != null ? h.label() : t.holderName()) : t.virtual() || t.waiting().kind() == Waiting.Kind.LOCK ? "(not named by the JDK)" : "";
        }
        List<String> held = new ArrayList<>();
        for (ThreadRow.Held h : t.holds()) {
            String name = words.lock(h.lock());
            if (!held.contains(name)) held.add(name);
        }
        String kind = (t.virtual() ? "virtual" : "platform") + (t.runsCell() ? " (runs the cell)" : "");
        return new String[]{t.label(), kind, state, call == null ? "" : call, waits, holder, String.join(", ", held),
                t.cpuNanos() < 0 ? "n/a" : duration(t.cpuNanos()), t.cell() >= 0 ? "cell [" + t.cell() + "]" : "",
                String.join(" < ", words.cellFrames(t, 3))};
    }

    private static String waitWord(Waiting w) {
        return switch (w.kind()) {
            case MONITOR -> "synchronized ";
            case LOCK -> "lock ";
            case NOTIFY -> "notify on ";
            case EVENT -> "";
        };
    }

    /** {@code 5 threads the notebook's cells started: 3 platform, 2 virtual.} */
    private String summary() {
        long virtual = rows.stream().filter(ThreadRow::virtual).count();
        String what = all ? "threads in the JVM" : rows.size() == 1 ? "thread the notebook's cells started" : "threads the notebook's cells started";
        String s = rows.size() + " " + what + ": " + (rows.size() - virtual) + " platform, " + virtual + " virtual";
        if (!deadlocked.isEmpty()) s += "; " + deadlocked.size() + " deadlocked";
        return s + ".";
    }

    /** The notes under the table: what the JDK does not tell, and what the deadlock watch cost. */
    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (rows.stream().anyMatch(ThreadRow::virtual)) {
            notes.add("Virtual threads come from the JDK's JSON thread dump: it gives no CPU time, and does not name the holder"
                    + " of a java.util.concurrent lock when that holder is a virtual thread.");
        }
        if (!all) notes.add("\"started in\" is the cell whose code started a platform thread; for a virtual thread, the cell that was"
                + " running when it started. %threads --all shows every thread of the JVM.");
        if (cost != null && cost.checks() > 0) {
            notes.add(String.format("Deadlock watch: %,d looks while cells ran, %s of CPU in all, %.3f%% of one core; %s.",
                    cost.checks(), duration(cost.cpuNanos()), 100 * cost.shareOfCore(),
                    cost.dumps() == 0 ? "no thread dump (no virtual thread waited for a lock)"
                            : String.format("%,d thread dump%s for virtual threads waiting for locks, the last %s", cost.dumps(),
                                    cost.dumps() == 1 ? "" : "s", duration(cost.lastDumpNanos()))));
            if (cost.skippedDumps() > 0) {
                notes.add(String.format("%,d looks took no thread dump though virtual threads waited for locks: with more than %,d"
                        + " virtual threads a dump costs seconds of CPU, so a deadlock among them went unseen.", cost.skippedDumps(),
                        VirtualThreads.DUMP_LIMIT));
            }
        }
        return notes;
    }

    @Override
    MIMEType richType() {
        return MIMEType.TEXT_HTML;
    }

    @Override
    String rich() {
        StringBuilder h = new StringBuilder("<p style=\"margin:4px 0\"><b>").append(escape(summary())).append("</b></p>\n");
        if (!rows.isEmpty()) {
            h.append("<table>\n<thead><tr>");
            for (String header : HEADERS) h.append("<th style=\"text-align:left\">").append(escape(header)).append("</th>");
            h.append("</tr></thead>\n<tbody>\n");
            for (ThreadRow t : rows) {
                String[] c = cells(t);
                boolean alarm = deadlocked.contains(t.id()) || census.survivorOf(t.id()) >= 0;
                h.append("<tr>");
                for (int i = 0; i < c.length; i++) {
                    String cell = escape(c[i]);
                    if (i == 0) cell = "<b>" + cell + "</b>";
                    if (i == 2 && alarm) cell = "<span style=\"color:#d62728;font-weight:bold\">" + cell + "</span>";
                    if ((i == 3 || i == 4 || i == 6) && !cell.isEmpty()) cell = "<code>" + cell + "</code>";
                    h.append("<td style=\"text-align:left\">").append(cell).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        for (String note : notes()) h.append("<p style=\"margin:4px 0;font-size:smaller\">").append(escape(note)).append("</p>\n");
        return h.toString();
    }

    @Override
    public String toString() {
        List<String[]> table = new ArrayList<>();
        table.add(HEADERS);
        for (ThreadRow t : rows) table.add(cells(t));
        int[] width = new int[HEADERS.length];
        for (String[] r : table) for (int i = 0; i < r.length; i++) width[i] = Math.min(TEXT_COLUMN_MAX, Math.max(width[i], r[i].length()));
        StringBuilder s = new StringBuilder(summary()).append('\n');
        if (!rows.isEmpty()) {
            for (String[] r : table) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    String c = r[i].length() > width[i] ? r[i].substring(0, width[i] - 3) + "..." : r[i];
                    line.append(i == 0 ? "" : "  ").append(String.format("%-" + Math.max(1, width[i]) + "s", c));
                }
                s.append(line.toString().stripTrailing()).append('\n');
            }
        }
        for (String note : notes()) s.append(note).append('\n');
        return s.toString().stripTrailing();
    }
}
