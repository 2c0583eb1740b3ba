package concurrencylab.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * IJava's {@code %load SOURCE}: runs a file of Java snippets ({@code .jsh}, {@code .jshell}, {@code .java})
 * as if its text were typed into this cell, or every code cell of a notebook ({@code .ipynb}) in
 * order, magics included. As in IJava, {@code %load utils} finds {@code utils.jsh} (then
 * {@code .jshell}, {@code .java}, {@code .ijava}, {@code .ipynb}); a relative path starts in the
 * kernel's directory, the notebook's. Errors in the loaded code name its file and line.
 *
 * <pre>{@code
 * %load helpers.jsh          // its methods and classes are now defined, as if typed here
 * %load 00-setup.ipynb       // its code cells, run in order
 * }</pre>
 */
final class LoadMagic implements Magic {
    private static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    /** The files being loaded now: a file that loads itself, directly or not, is an error, not a loop. */
    private final Set<Path> loading = new HashSet<>();

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%load FILE", "run a .jsh/.java file, or a notebook's code cells, as part of this cell"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws Exception {
        if (magic.args().size() != 1) throw magic.malformed("%load takes one file, for example %load helpers.jsh or %load setup.ipynb");
        Path file = find(magic.args().getFirst());
        Path key = file.toRealPath();
        if (!loading.add(key)) throw new MagicException("%load: " + file + " loads itself (it is being loaded already)");
        try {
            String name = file.getFileName().toString();
            if (name.endsWith(".ipynb")) {
                List<String> cells = codeCells(file);
                for (int i = 0; i < cells.size(); i++) {
                    if (!cells.get(i).isBlank()) context.runLoaded(cells.get(i), name + " code cell " + (i + 1));
                }
            } else {
                context.runLoaded(Files.readString(file, StandardCharsets.UTF_8), name);
            }
        } finally {
            loading.remove(key);
        }
        return NO_VALUE;
    }

    /** The file as named, else with the first extension that gives a file. */
    private static Path find(String source) {
        Path path = Path.of(source);
        if (Files.isRegularFile(path)) return path;
        List<String> tried = new ArrayList<>(List.of(path.toString()));
        for (String ext : EXTENSIONS) {
            Path p = Path.of(source + ext);
            if (Files.isRegularFile(p)) return p;
            tried.add(p.getFileName().toString());
        }
        throw new MagicException("%load: no file '" + source + "' in " + Path.of("").toAbsolutePath() + " (tried " + String.join(", ", tried) + ")");
    }

    /** The sources of a notebook's code cells, in order (nbformat 4: a string or a list of lines each). */
    static List<String> codeCells(Path notebook) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new MagicException("%load: " + notebook + " is not a notebook (not JSON: " + e.getMessage() + ")");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells") || !root.getAsJsonObject().get("cells").isJsonArray()) {
            throw new MagicException("%load: " + notebook + " is not a notebook (nbformat 4 has a \"cells\" list)");
        }
        List<String> sources = new ArrayList<>();
        for (JsonElement cell : root.getAsJsonObject().getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if (!c.has("cell_type") || !"code".equals(c.get("cell_type").getAsString())) continue;
            JsonElement source = c.get("source");
            if (source == null || source.isJsonNull()) {
                sources.add("");
            } else if (source.isJsonArray()) {
                StringBuilder text = new StringBuilder();
                for (JsonElement line : (JsonArray) source) text.append(line.getAsString());
                sources.add(text.toString());
            } else {
                sources.add(source.getAsString());
            }
        }
        return sources;
    }
}
