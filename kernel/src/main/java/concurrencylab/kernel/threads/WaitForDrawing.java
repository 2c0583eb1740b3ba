package concurrencylab.kernel.threads;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deadlock drawn as its wait-for cycle, in SVG: the threads (blue boxes) and the locks (orange) in a
 * ring, a red arrow from each thread to the lock it waits for, a grey one from each lock to the thread
 * holding it. Follow the arrows and you come back where you started: that is the deadlock. SVG, because
 * it stays sharp in JupyterLab and in nbconvert's HTML and needs no chart library.
 *
 * <pre>{@code
 * display.show(report.drawing());   // image/svg+xml, with the cycle as text for text-only frontends
 * }</pre>
 */
public final class WaitForDrawing extends RichOutput {
    private static final AtomicInteger DRAWINGS = new AtomicInteger();
    private static final String THREAD_FILL = "#dbe9f6", THREAD_STROKE = "#1f77b4";
    private static final String LOCK_FILL = "#fde5cc", LOCK_STROKE = "#ff7f0e";
    private static final String WAITS = "#d62728", HELD = "#555555";

    private final Deadlock deadlock;
    private final ThreadWords words;

    WaitForDrawing(Deadlock deadlock, ThreadWords words) {
        this.deadlock = deadlock;
        this.words = words;
    }

    /** A box: its centre, its size and its two lines of text. */
    private record Node(double x, double y, double w, double h, String title, String subtitle, boolean thread) {}

    @Override
    MIMEType richType() {
        return MIMEType.IMAGE_SVG;
    }

    @Override
    String rich() {
        int n = deadlock.threads().size();
        List<Node> nodes = new ArrayList<>();
        double radius = Math.max(110, 62 * n);
        double widest = 0;
        for (int i = 0; i < 2 * n; i++) {
            String title, subtitle;
            boolean thread = i % 2 == 0;
            ThreadRow t = deadlock.threads().get(i / 2);
            if (thread) {
                title = t.label();
                String at = words.innermostCellLine(t);
                subtitle = (t.virtual() ? "virtual" : "platform") + (at == null ? "" : ", " + at);
            } else {
                title = words.lock(t.waiting().lock());
                subtitle = t.waiting().kind() == Waiting.Kind.MONITOR ? "monitor (synchronized)" : t.waiting().lock().publicClass();
            }
            double w = Math.max(96, Math.max(textWidth(title, 8.2), textWidth(subtitle, 6.6)) + 22);
            widest = Math.max(widest, w);
            double angle = -Math.PI / 2 + i * Math.PI / n;
            nodes.add(new Node(radius * Math.cos(angle), radius * Math.sin(angle), w, 42, title, subtitle, thread));
        }
        double width = 2 * radius + widest + 120, height = 2 * radius + 42 + 64;
        double cx = width / 2, cy = height / 2 + 10;
        String id = "wf" + DRAWINGS.incrementAndGet();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height, width, height));
        s.append("<title>").append(escape(toString())).append("</title>\n");
        s.append("<defs>");
        for (String[] m : new String[][]{{"w", WAITS}, {"h", HELD}}) {
            s.append(String.format("<marker id=\"%s%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                    + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>", id, m[0], m[1]));
        }
        s.append("</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"8\" y=\"16\" font-size=\"12\" fill=\"#666\">wait-for cycle: follow the arrows back to where you started</text>\n");
        for (int i = 0; i < 2 * n; i++) {
            Node a = nodes.get(i), b = nodes.get((i + 1) % (2 * n));
            boolean waits = a.thread();
            double dx = b.x() - a.x(), dy = b.y() - a.y();
            double[] from = edge(a, dx, dy), to = edge(b, -dx, -dy);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.2\"%s marker-end=\"url(#%s%s)\"/>%n",
                    cx + from[0], cy + from[1], cx + to[0], cy + to[1], waits ? WAITS : HELD, waits ? "" : " stroke-dasharray=\"6,4\"", id, waits ? "w" : "h"));
            // the label sits beside the arrow's middle, on the side away from the ring's centre
            double len = Math.max(1e-9, Math.hypot(dx, dy)), nx = -dy / len, ny = dx / len;
            double mx = (a.x() + b.x()) / 2, my = (a.y() + b.y()) / 2;
            if (nx * mx + ny * my < 0) {
                nx = -nx;
                ny = -ny;
            }
            String anchor = nx > 0.3 ? "start" : nx < -0.3 ? "end" : "middle";
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"%s\" text-anchor=\"%s\">%s</text>%n",
                    cx + mx + 10 * nx, cy + my + 10 * ny + 4 + (ny > 0.3 ? 6 : 0), waits ? WAITS : HELD, anchor, waits ? "waits for" : "held by"));
        }
        for (Node node : nodes) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                    cx + node.x() - node.w() / 2, cy + node.y() - node.h() / 2, node.w(), node.h(), node.thread() ? 6 : 16,
                    node.thread() ? THREAD_FILL : LOCK_FILL, node.thread() ? THREAD_STROKE : LOCK_STROKE));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">%s</text>%n",
                    cx + node.x(), cy + node.y() - 3, escape(node.title())));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11.5\" fill=\"#444\" text-anchor=\"middle\">%s</text>%n",
                    cx + node.x(), cy + node.y() + 13, escape(node.subtitle())));
        }
        return s.append("</svg>").toString();
    }

    /** Where a line from the box's centre in direction (dx, dy) leaves the box, a few pixels out. */
    private static double[] edge(Node node, double dx, double dy) {
        double len = Math.max(1e-9, Math.hypot(dx, dy));
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : node.w() / 2 / Math.abs(dx), dy == 0 ? Double.MAX_VALUE : node.h() / 2 / Math.abs(dy));
        double gap = 4 / len;
        return new double[]{node.x() + (t + gap) * dx, node.y() + (t + gap) * dy};
    }

    /** A rough width of {@code text} at a font whose average character is {@code perChar} pixels wide. */
    private static double textWidth(String text, double perChar) {
        return text.length() * perChar;
    }

    /** The cycle as text: {@code t1 -> lockB -> t2 -> lockA -> t1}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("wait-for cycle: ");
        for (ThreadRow t : deadlock.threads()) {
            s.append(t.label()).append(" -> waits for ").append(words.lock(t.waiting().lock())).append(", held by -> ");
        }
        return s.append(deadlock.threads().getFirst().label()).toString();
    }
}
