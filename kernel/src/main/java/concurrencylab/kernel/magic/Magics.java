package concurrencylab.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The kernel's magics, IJava-compatible where IJava has them.
 *
 * <pre>{@code
 * %jars /opt/libs/*.jar             add jars (globs allowed) to the class path; %classpath too
 * %maven org.apache.commons:commons-text:1.12.0   resolve with transitive dependencies
 * %time work.runTask(0)             wall, CPU of all JVM threads, cores busy
 * %timeit Math.sqrt(2.0)            repeats after a warm-up: median and spread per call
 * %source Charts                    the library's source of a class
 * %cell_timeout 30                  stop cells that run longer than 30 s (off to remove)
 * %%time  or  %%timeit              as the first line: the same for the whole cell
 * }</pre>
 */
public final class Magics {

    /** What magics need from the kernel. */
    public interface Host {
        void addToClasspath(String path);

        String setCellTimeLimit(Duration limit);

        /** Evaluates Java code as part of the running cell and returns its value, or {@link #NO_VALUE}. */
        Object evalInCell(String code) throws Exception;

        /** True when {@code code} is one expression with a value (not a statement or declaration). */
        boolean isExpression(String code);

        /** Shows markdown (with a plain-text fallback) in the cell. */
        void displayMarkdown(String markdown, String plain);

        /**
         * Wall, CPU and JIT-compiler CPU nanoseconds spent running cell code so far (JShell's compiling
         * excluded); the CPU figures grow only while a {@link #countingCpu()} handle is open.
         */
        long[] executionClock();

        /** Counts CPU time in {@link #executionClock()} until the handle is closed. */
        AutoCloseable countingCpu();
    }

    /** Returned by magics (and {@link Host#evalInCell}) that have no value to show. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "no value";
        }
    };

    private static final String LIST = String.join("\n",
            "Line magics:",
            "  %classpath PATH...          add jars or directories to the class path",
            "  %jars PATH...               the same; globs like lib/*.jar allowed",
            "  %maven GROUP:ARTIFACT:VERSION...  resolve from Maven Central with transitive dependencies",
            "  %time CODE                  wall time, CPU of all JVM threads, cores busy",
            "  %timeit [-n N] [-r R] CODE  repeats after a warm-up: median and spread per call",
            "  %source CLASS               the library's Java source of a class",
            "  %cell_timeout SECONDS|off   stop cells that run longer",
            "  %lsmagic                    this list",
            "Cell magics (first line of a cell):",
            "  %%time                      time the whole cell",
            "  %%timeit [-n N] [-r R]      time the whole cell repeatedly");

    private final Host host;
    private final MavenResolver maven = new MavenResolver();
    private final AtomicInteger timeitCount = new AtomicInteger();

    public Magics(Host host) {
        this.host = host;
    }

    /** A magic as typed: {@code %name args} or {@code %%name args}, with the raw text and the words after the name. */
    public record Line(String name, List<String> args, String raw, String rest) {}

    /** True when {@code line} is a line magic (starts with {@code %} followed by a name). */
    public static boolean isMagic(String line) {
        String t = line.stripLeading();
        return t.startsWith("%") && t.length() > 1 && (Character.isLetter(t.charAt(1)) || t.charAt(1) == '%');
    }

    /** True when {@code line} starts a cell magic ({@code %%name}). */
    public static boolean isCellMagic(String line) {
        String t = line.stripLeading();
        return t.startsWith("%%") && t.length() > 2 && Character.isLetter(t.charAt(2));
    }

    /** Parses {@code %name arg "quoted arg"} (or {@code %%name ...}). */
    public static Line parse(String line) {
        String t = line.strip();
        String body = t.startsWith("%%") ? t.substring(2) : t.substring(1);
        String name = body.split("\\s+", 2)[0];
        if (name.isEmpty()) throw new MagicException("malformed magic '" + t + "': no name after %");
        String rest = body.substring(name.length()).strip();
        return new Line(name, split(rest, t), t, rest);
    }

    /** Runs a line magic; returns the value to show, or {@link #NO_VALUE}. */
    public Object run(Line magic) throws Exception {
        return switch (magic.name()) {
            case "classpath", "jars" -> print(addPaths(magic));
            case "maven" -> print(resolveMaven(magic));
            case "cell_timeout" -> print(cellTimeout(magic));
            case "lsmagic" -> print(LIST);
            case "source" -> source(magic);
            case "time" -> time(magic, magic.rest());
            case "timeit" -> timeit(magic, magic.rest(), false);
            default -> throw new MagicException("unknown magic %" + magic.name() + " in '" + magic.raw()
                    + "'; %lsmagic lists the magics");
        };
    }

    /** Runs a cell magic ({@code %%name} on the first line) over {@code body}. */
    public Object runCell(Line magic, String body) throws Exception {
        return switch (magic.name()) {
            case "time" -> time(magic, body);
            case "timeit" -> timeit(magic, body, true);
            default -> throw new MagicException("unknown cell magic %%" + magic.name() + " in '" + magic.raw()
                    + "'; %lsmagic lists the magics");
        };
    }

    private static Object print(String text) {
        if (!text.isEmpty()) System.out.println(text);
        return NO_VALUE;
    }

    // ------------------------------------------------------------------------------- class path

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
                    host.addToClasspath(p.toAbsolutePath().toString());
                    added.add(p.toString());
                }
            }
        }
        return "Added to the class path: " + String.join(", ", added);
    }

    private String resolveMaven(Line magic) {
        if (magic.args().isEmpty()) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %maven needs GROUP:ARTIFACT:VERSION");
        }
        List<Path> added = new ArrayList<>();
        for (String coordinates : magic.args()) {
            if (coordinates.split(":").length < 3) {
                throw new MagicException("malformed magic '" + magic.raw() + "': '" + coordinates
                        + "' is not GROUP:ARTIFACT:VERSION, for example org.apache.commons:commons-text:1.12.0");
            }
            for (Path jar : maven.resolve(coordinates)) {
                host.addToClasspath(jar.toString());
                added.add(jar);
            }
        }
        return addedJars(added);
    }

    /** Names every jar when there are few; Spark brings 136, which would bury the cell in names. */
    static String addedJars(List<Path> jars) {
        List<String> names = jars.stream().map(j -> j.getFileName().toString()).toList();
        if (names.size() <= 12) return "Added to the class path: " + String.join(", ", names);
        long bytes = jars.stream().mapToLong(j -> {
            try {
                return Files.size(j);
            } catch (java.io.IOException e) {
                return 0;
            }
        }).sum();
        return String.format("Added to the class path: %d jars, %.0f MB: %s and %d more", names.size(), bytes / 1e6,
                String.join(", ", names.subList(0, 8)), names.size() - 8);
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
        } catch (IOException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------------------- time limit

    private String cellTimeout(Line magic) {
        if (magic.args().size() != 1) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %cell_timeout takes one value, seconds or off");
        }
        String v = magic.args().getFirst();
        if (v.equals("off")) return host.setCellTimeLimit(null);
        try {
            double seconds = Double.parseDouble(v);
            if (seconds > 0) return host.setCellTimeLimit(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new MagicException("malformed magic '" + magic.raw() + "': '" + v + "' is not a positive number of seconds or off");
    }

    // ------------------------------------------------------------------------------------ source

    private Object source(Line magic) throws IOException {
        if (magic.args().size() != 1) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %source takes one class name, for example %source Charts");
        }
        String name = magic.args().getFirst();
        Map<String, String> found = new TreeMap<>(); // entry -> source jar
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith("-sources.jar")) continue;
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".java"))
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
        host.displayMarkdown("**" + title + "**\n\n```java\n" + text + "\n```", text);
        return NO_VALUE;
    }

    // ------------------------------------------------------------------------------------ timing

    private Object time(Line magic, String code) throws Exception {
        if (code.isBlank()) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %time needs code to time, for example %time Thread.sleep(100)");
        }
        Object value;
        try (var counting = host.countingCpu()) {
            long[] before = host.executionClock();
            long t0 = System.nanoTime();
            try {
                value = host.evalInCell(code);
            } finally {
                long[] after = host.executionClock();
                long wall = after[0] - before[0];
                long compile = System.nanoTime() - t0 - wall;
                System.out.println(Timing.timeLine(wall, after[1] - before[1], after[2] - before[2])
                        + (compile > 50_000_000 ? String.format(" (compiling took %s more)", Timing.format(compile)) : ""));
            }
        }
        return value;
    }

    private Object timeit(Line magic, String code, boolean cell) throws Exception {
        int loops = 0;
        int runs = 7;
        List<String> words = cell ? magic.args() : List.of();
        String timed = code;
        if (!cell) { // the options come before the code on the line
            List<String> all = magic.args();
            int i = 0;
            StringBuilder options = new StringBuilder();
            while (i + 1 < all.size() && (all.get(i).equals("-n") || all.get(i).equals("-r"))) {
                options.append(all.get(i)).append(' ').append(all.get(i + 1)).append(' ');
                i += 2;
            }
            words = split(options.toString(), magic.raw());
            String rest = magic.rest();
            timed = rest.substring(Math.min(rest.length(), options.length())).strip();
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("-n") || w.equals("-r")) && i + 1 < words.size()) {
                int v = positive(magic, w, words.get(++i));
                if (w.equals("-n")) loops = v; else runs = v;
            } else {
                throw new MagicException("malformed magic '" + magic.raw() + "': unknown option '" + w + "' (use -n LOOPS, -r RUNS)");
            }
        }
        if (timed.isBlank()) {
            throw new MagicException("malformed magic '" + magic.raw() + "': %timeit needs code to time, for example %timeit Math.sqrt(2.0)");
        }
        // Compile once as a method that times its own loop: evaluating the text each time would time javac.
        String fn = "$timeit" + timeitCount.incrementAndGet();
        String body = !cell && host.isExpression(timed)
                ? Blackhole.class.getName() + ".sink = (" + timed + ");"
                : "{\n" + timed + (timed.strip().endsWith(";") || timed.strip().endsWith("}") ? "" : ";") + "\n}";
        host.evalInCell("long " + fn + "(int loops) throws Throwable {\n"
                + "  long $start = System.nanoTime();\n"
                + "  for (int $loop = 0; $loop < loops; $loop++) " + body + "\n"
                + "  return System.nanoTime() - $start;\n}");
        long warmup = (long) host.evalInCell(fn + "(1)");
        if (loops == 0) { // like IPython: 1, 10, 100 ... until one run takes 0.2 s
            loops = 1;
            long took = warmup;
            while (took < 200_000_000L && loops < 1_000_000) {
                loops *= 10;
                took = (long) host.evalInCell(fn + "(" + loops + ")");
            }
        }
        long[] times = new long[runs];
        for (int r = 0; r < runs; r++) {
            times[r] = (long) host.evalInCell(fn + "(" + loops + ")");
        }
        System.out.println(Timing.timeitLine(times, loops, 1));
        return NO_VALUE;
    }

    private static int positive(Line magic, String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) return v;
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new MagicException("malformed magic '" + magic.raw() + "': " + option + " takes a whole number of at least 1, got '" + value + "'");
    }

    static List<String> split(String args, String raw) {
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
        if (quoted) throw new MagicException("malformed magic '" + raw + "': unclosed quote");
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
