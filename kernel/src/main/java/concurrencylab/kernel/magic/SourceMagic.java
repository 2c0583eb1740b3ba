package concurrencylab.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** {@code %source CLASS}: the library's Java source of a class, from the sources jar on the kernel's class path. */
final class SourceMagic implements Magic {

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%source CLASS", "the library's Java source of a class"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws IOException {
        if (magic.args().size() != 1) throw magic.malformed("%source takes one class name, for example %source Charts");
        String name = magic.args().getFirst();
        Map<String, String> found = new TreeMap<>(); // entry -> source jar
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith("-sources.jar")) continue;
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".java"))
                        .filter(n -> n.equals(name.replace('.', '/') + ".java") || n.endsWith("/" + name + ".java"))
                        .forEach(n -> found.put(n, entry));
            }
        }
        if (found.isEmpty()) {
            throw new MagicException("%source: no library class '" + name + "'; %source shows the library's classes, for example %source Charts");
        }
        if (found.size() > 1) {
            throw new MagicException("%source: '" + name + "' is ambiguous: " + String.join(", ", found.keySet()).replace('/', '.')
                    + "; give the full name");
        }
        var hit = found.entrySet().iterator().next();
        String text;
        try (ZipFile zip = new ZipFile(hit.getValue())) {
            text = new String(zip.getInputStream(zip.getEntry(hit.getKey())).readAllBytes(), StandardCharsets.UTF_8);
        }
        String title = hit.getKey().replace('/', '.').replaceAll("\\.java$", "");
        context.displayMarkdown("**" + title + "**\n\n```java\n" + text + "\n```", text);
        return NO_VALUE;
    }
}
