package concurrencylab.kernel.magic;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The line magics, IJava-compatible: {@code %classpath PATH...} and {@code %jars PATH...} add jars
 * (globs like {@code lib/*.jar} allowed) or directories to the class path of the following code.
 *
 * <pre>{@code
 * %jars /opt/libs/*.jar
 * %classpath build/classes
 * }</pre>
 */
public final class Magics {
    private final Consumer<String> addToClasspath;
    private final java.util.function.Function<java.time.Duration, String> setCellTimeLimit;

    public Magics(Consumer<String> addToClasspath, java.util.function.Function<java.time.Duration, String> setCellTimeLimit) {
        this.addToClasspath = addToClasspath;
        this.setCellTimeLimit = setCellTimeLimit;
    }

    /** A line magic as typed: {@code %name args}. */
    public record Line(String name, List<String> args, String raw) {}

    /** True when {@code line} is a line magic (starts with {@code %} followed by a name). */
    public static boolean isMagic(String line) {
        String t = line.stripLeading();
        return t.startsWith("%") && t.length() > 1 && (Character.isLetter(t.charAt(1)) || t.charAt(1) == '%');
    }

    /** Parses {@code %name arg "quoted arg"}. */
    public static Line parse(String line) {
        String t = line.strip();
        List<String> words = split(t.substring(1));
        if (words.isEmpty()) throw new MagicException("malformed magic '" + t + "': no name after %");
        return new Line(words.getFirst(), words.subList(1, words.size()), t);
    }

    /** Runs a line magic; returns text to print, possibly empty. */
    public String run(Line magic) {
        return switch (magic.name()) {
            case "classpath", "jars" -> addPaths(magic);
            case "cell_timeout" -> cellTimeout(magic);
            case "lsmagic" -> "Line magics: %classpath PATH..., %jars PATH..., %cell_timeout SECONDS|off, %lsmagic";
            default -> throw new MagicException("unknown magic %" + magic.name() + " in '" + magic.raw()
                    + "'; %lsmagic lists the magics");
        };
    }

    private String cellTimeout(Line magic) {
        if (magic.args().size() != 1) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %cell_timeout takes one value, seconds or off");
        }
        String v = magic.args().getFirst();
        if (v.equals("off")) return setCellTimeLimit.apply(null);
        try {
            double seconds = Double.parseDouble(v);
            if (seconds > 0) return setCellTimeLimit.apply(java.time.Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new MagicException("malformed magic '" + magic.raw() + "': '" + v + "' is not a positive number of seconds or off");
    }

    private String addPaths(Line magic) {
        if (magic.args().isEmpty()) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %" + magic.name() + " needs at least one path");
        }
        List<String> added = new ArrayList<>();
        for (String arg : magic.args()) {
            for (String part : arg.split(File.pathSeparator)) {
                List<Path> paths = expand(part);
                if (paths.isEmpty()) {
                    throw new MagicException("%" + magic.name() + ": no file or directory matches '" + part + "'");
                }
                for (Path p : paths) {
                    addToClasspath.accept(p.toAbsolutePath().toString());
                    added.add(p.toString());
                }
            }
        }
        return "Added to the class path: " + String.join(", ", added);
    }

    /** A path, or a glob in its last segment ({@code dir/*.jar}). */
    static List<Path> expand(String pattern) {
        Path p = Path.of(pattern);
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!last.contains("*") && !last.contains("?")) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + last);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!cur.isEmpty()) words.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new MagicException("malformed magic '%" + args.strip() + "': unclosed quote");
        if (!cur.isEmpty()) words.add(cur.toString());
        return words;
    }

    /** A magic that cannot run; its message is the one line the user sees. */
    public static final class MagicException extends RuntimeException {
        public MagicException(String message) {
            super(message, null, false, false);
        }
    }
}
