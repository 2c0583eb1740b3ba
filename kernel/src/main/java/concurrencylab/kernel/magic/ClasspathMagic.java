package concurrencylab.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code %classpath PATH...} and {@code %jars PATH...}: jars and directories, globs allowed, added to the
 * class path. As in IJava, {@code %jars} given a directory adds the jars in it, {@code %classpath} the
 * directory itself (of classes).
 */
final class ClasspathMagic implements Magic {

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%classpath PATH...", "add jars or directories of classes to the class path"),
                new Usage("%jars PATH...", "add jars; globs like lib/*.jar, a directory for its jars"));
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
                if (magic.name().equals("jars")) paths = jarsIn(paths, part);
                for (Path p : paths) {
                    context.addToClasspath(p.toAbsolutePath().toString());
                    added.add(p.toString());
                }
            }
        }
        return Magic.print("Added to the class path: " + String.join(", ", added));
    }

    /** The jars themselves, and the jars in the directories among them. */
    private static List<Path> jarsIn(List<Path> paths, String pattern) {
        List<Path> jars = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                jars.add(p);
                continue;
            }
            List<Path> inside = expand(p.resolve("*.jar").toString());
            if (inside.isEmpty()) throw new MagicException("%jars: the directory '" + pattern + "' has no jar in it; %classpath adds a directory of classes");
            jars.addAll(inside);
        }
        return jars;
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
