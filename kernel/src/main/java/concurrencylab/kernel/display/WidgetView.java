package concurrencylab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.Map;

/**
 * A widget as a cell shows it: {@code application/vnd.jupyter.widget-view+json} for frontends with a
 * widget manager (JupyterLab with {@code @jupyter-widgets/jupyterlab-manager}), which draw the widget
 * and prefer it, and for every other frontend (the classic Notebook, nbclient, nbconvert's pages) a
 * fallback: one line saying the controls need JupyterLab, then what the widget's output area held, as
 * HTML and text, plus its last image as {@code image/png}.
 *
 * <pre>{@code
 * DisplayData d = WidgetView.bundle(modelId, "The controls need JupyterLab...", outputs);
 * }</pre>
 */
final class WidgetView {
    static final String MIME = "application/vnd.jupyter.widget-view+json";

    private WidgetView() {}

    /** The bundle for widget {@code modelId}, with {@code note} and the nbformat {@code outputs} as the fallback. */
    static DisplayData bundle(String modelId, String note, List<Map<String, Object>> outputs) {
        DisplayData data = new DisplayData();
        data.putData(MIME, Map.of("model_id", modelId, "version_major", 2, "version_minor", 0));
        StringBuilder html = new StringBuilder("<p><em>").append(escape(note)).append("</em></p>\n");
        StringBuilder text = new StringBuilder(note);
        String png = null;
        for (Map<String, Object> o : outputs) {
            switch (String.valueOf(o.get("output_type"))) {
                case "stream" -> {
                    String s = String.valueOf(o.get("text"));
                    html.append("<pre>").append(escape(s)).append("</pre>\n");
                    text.append('\n').append(s.stripTrailing());
                }
                case "error" -> {
                    String s = o.get("ename") + ": " + o.get("evalue");
                    html.append("<pre>").append(escape(s)).append("</pre>\n");
                    text.append('\n').append(s);
                }
                case "display_data", "execute_result" -> {
                    Map<?, ?> d = o.get("data") instanceof Map<?, ?> m ? m : Map.of();
                    if (d.get("text/html") instanceof String h) {
                        html.append(h).append('\n');
                    } else if (d.get("image/png") instanceof String p) {
                        html.append("<img src=\"data:image/png;base64,").append(p).append("\">\n");
                    } else if (d.get("text/plain") != null) {
                        html.append("<pre>").append(escape(String.valueOf(d.get("text/plain")))).append("</pre>\n");
                    }
                    if (d.get("image/png") instanceof String p) png = p;
                    if (d.get("text/plain") != null) text.append('\n').append(d.get("text/plain"));
                }
                default -> { }
            }
        }
        data.putData("text/html", html.toString());
        if (png != null) data.putData("image/png", png);
        data.putText(text.toString());
        return data;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
