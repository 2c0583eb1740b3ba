package concurrencylab.kernel.threads;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code %%pinning} shows: how often virtual threads were pinned while the cell ran, for how long,
 * and where, one row per place: what pinned the thread (a native frame, a class initialiser), what it
 * blocked in while pinned, its frames in cell code, and the JDK's own reason. An HTML table with a
 * plain-text twin.
 *
 * <pre>{@code
 * PinningReport report = recorder.stop(cellLines);
 * report.count();   // 3
 * }</pre>
 */
public final class PinningReport extends RichOutput {
    private final List<PinningRecorder.Pin> pins;
    private final CellLines lines;
    private final long startNanos;
    private final List<Place> places;

    /** The pins of one place: how many, how long in all, the longest. */
    private record Place(String pinnedBy, String blockedIn, String cellCode, String reason, int count, long totalNanos, long longestNanos) {}

    PinningReport(List<PinningRecorder.Pin> pins, CellLines lines, long startNanos) {
        this.pins = pins;
        this.lines = lines;
        this.startNanos = startNanos;
        this.places = places();
    }

    /** How many times virtual threads were pinned. */
    public int count() {
        return pins.size();
    }

    /** How long they stayed pinned in all. */
    public long totalNanos() {
        return pins.stream().mapToLong(PinningRecorder.Pin::nanos).sum();
    }

    private List<Place> places() {
        Map<List<String>, List<PinningRecorder.Pin>> byPlace = new LinkedHashMap<>();
        for (PinningRecorder.Pin p : pins) {
            String call = Frames.call(p.stack());
            List<String> key = List.of(pinnedBy(p.stack()), call == null ? p.operation() : call, cellCode(p.stack()), cleanClassNames(p.reason()));
            byPlace.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<Place> places = new ArrayList<>();
        byPlace.forEach((k, list) -> places.add(new Place(k.get(0), k.get(1), k.get(2), k.get(3), list.size(),
                list.stream().mapToLong(PinningRecorder.Pin::nanos).sum(), list.stream().mapToLong(PinningRecorder.Pin::nanos).max().orElse(0))));
        places.sort(Comparator.comparingLong(Place::totalNanos).reversed());
        return places;
    }

    /**
     * The frame that kept the thread on its carrier, innermost first: a call back from native code
     * (foreign function upcall), a class initialiser, a native method; "" when the stack shows none.
     */
    String pinnedBy(List<StackTraceElement> stack) {
        for (StackTraceElement f : stack) {
            String cls = f.getClassName(), m = f.getMethodName();
            if (cls.equals("java.lang.VirtualThread") || cls.startsWith("jdk.internal.vm.Continuation")) continue;
            if (cls.contains("UpcallStub")) return "native code that called back into Java (foreign function upcall)";
            if (m.equals("<clinit>")) {
                String where = lines.name(f);
                return "class initialiser " + simple(cls) + ".<clinit>" + (where == null ? "" : " (" + where + ")");
            }
            if (f.getLineNumber() == -2) return "native method " + simple(cls) + "." + m;
        }
        return "";
    }

    private String cellCode(List<StackTraceElement> stack) {
        List<String> found = new ArrayList<>();
        for (StackTraceElement f : stack) {
            String name = lines.name(f);
            if (name != null && !found.contains(name)) found.add(name);
            if (found.size() == 3) break;
        }
        return String.join(" < ", found);
    }

    /** {@code REPL.$JShell$14$Slow} as {@code Slow}. */
    private static String cleanClassNames(String s) {
        return s.replaceAll("REPL\\.\\$JShell\\$\\w+?\\$(?=[^$])", "");
    }

    private static String simple(String cls) {
        String c = cleanClassNames(cls);
        return c.substring(c.lastIndexOf('.') + 1);
    }

    /** {@code Virtual threads were pinned 3 times while the cell ran, 95 ms in all (longest 35 ms).} */
    public String headline() {
        if (pins.isEmpty()) return "No virtual thread was pinned while the cell ran.";
        long longest = pins.stream().mapToLong(PinningRecorder.Pin::nanos).max().orElse(0);
        return "Virtual threads were pinned " + (pins.size() == 1 ? "once" : pins.size() + " times") + " while the cell ran, "
                + duration(totalNanos()) + " in all" + (pins.size() == 1 ? "" : " (longest " + duration(longest) + ")")
                + ": blocked, they kept their carrier thread from running other virtual threads.";
    }

    private String footnote() {
        return "Recorded by the JDK's flight recorder: jdk.VirtualThreadPinned events with their threshold at 0 ms (the JDK's"
                + " default recording keeps only pins of 20 ms or more; starting the recorder took " + duration(startNanos) + ")."
                + " On JDK 25 a virtual thread blocking inside synchronized no longer pins (JEP 491); native frames and class"
                + " initialisers on its stack still do.";
    }

    private static final String[] HEADERS = {"times", "in all", "longest", "pinned by", "blocked in", "cell code", "the JDK's reason"};

    private String[] cells(Place p) {
        return new String[]{String.valueOf(p.count()), duration(p.totalNanos()), duration(p.longestNanos()), p.pinnedBy(),
                p.blockedIn(), p.cellCode(), p.reason()};
    }

    @Override
    MIMEType richType() {
        return MIMEType.TEXT_HTML;
    }

    @Override
    String rich() {
        StringBuilder h = new StringBuilder("<p style=\"margin:4px 0\"><b>").append(escape(headline())).append("</b></p>\n");
        if (!places.isEmpty()) {
            h.append("<table>\n<thead><tr>");
            for (String header : HEADERS) h.append("<th style=\"text-align:left\">").append(escape(header)).append("</th>");
            h.append("</tr></thead>\n<tbody>\n");
            for (Place p : places) {
                h.append("<tr>");
                String[] c = cells(p);
                for (int i = 0; i < c.length; i++) {
                    String cell = escape(c[i]);
                    if (i == 4 && !cell.isEmpty()) cell = "<code>" + cell + "</code>";
                    h.append("<td style=\"text-align:").append(i < 3 ? "right" : "left").append("\">").append(cell).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        return h.append("<p style=\"margin:4px 0;font-size:smaller\">").append(escape(footnote())).append("</p>").toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(headline()).append('\n');
        for (Place p : places) {
            s.append(String.format("  %d x, %s in all, longest %s: pinned by %s; blocked in %s%s; the JDK's reason: %s%n",
                    p.count(), duration(p.totalNanos()), duration(p.longestNanos()), p.pinnedBy().isEmpty() ? "(not shown in the stack)" : p.pinnedBy(),
                    p.blockedIn(), p.cellCode().isEmpty() ? "" : ", at " + p.cellCode(), p.reason()));
        }
        return s.append(footnote()).toString();
    }
}
