package concurrencylab.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code %classpath PATH...} and its IJava name {@code %jars}: jars and directories, globs allowed, added to the class path. */
final class ClasspathMagic implements Magic {

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%classpath PATH...", "add jars or directories to the class path"),
                new Usage("%jars PATH...", "the same; globs like lib/*.jar allowed"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) {
        if (magic.args().isEmpty()) throw magic.malformed("%" + magic.name() + " needs at least one path");
        List<String> added = new ArrayList<>();
        for (String arg : magic.args()) {
            for (String part : arg.split(File.pathSeparator)) {
                List<Path> paths = expand(part);
                if (paths.isEmpty()) {
                    throw new MagicException("%" + magic.name() + ": no file or directory matches '" + part + "'");
                }
                for (Path p : paths) {
                    context.addToClasspath(p.toAbsolutePath().toString());
                    added.add(p.toString());
                }
            }
        }
        return Magic.print("Added to the class path: " + String.join(", ", added));
    }

    /** A path, or a glob in its last segment ({@code dir/*.jar}). */
    static List<Path> expand(String pattern) {
        Path p = Path.of(pattern);
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!last.contains("*") && !last.contains("?")) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + last);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
