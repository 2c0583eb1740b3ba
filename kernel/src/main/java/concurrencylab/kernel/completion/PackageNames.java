package concurrencylab.kernel.completion;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The package names a cell can use, for completing {@code import java.util.con} or
 * {@code concurrencylab.wor}: the JDK's exported packages (from the module descriptors, no scan) and
 * the packages of the cells' class path (directories and jars). It stands in for JShell's completion
 * index, which walks every class of the JDK and the class path (CPU at start, and heap that stays) to
 * offer the same package names.
 *
 * <pre>{@code
 * var packages = PackageNames.ofJdk();
 * packages.addClassPath("/path/to/classes:/path/to/lib.jar");
 * packages.complete("import java.util.con", 20);   // Completion[start=17, names=[concurrent]]
 * }</pre>
 */
public final class PackageNames {
    /** A dotted name ending at the cursor: {@code java.util.con}, {@code concurrencylab.}, {@code ja}. */
    private static final Pattern DOTTED_NAME_AT_END = Pattern.compile("(?<![\\w$.])((?:[A-Za-z_$][\\w$]*\\.)*)([A-Za-z_$][\\w$]*)?$");

    private final Set<String> packages = new ConcurrentSkipListSet<>();

    private PackageNames() {}

    /** The packages the JDK's modules export to everyone. */
    public static PackageNames ofJdk() {
        var names = new PackageNames();
        for (var module : ModuleFinder.ofSystem().findAll()) {
            for (ModuleDescriptor.Exports e : module.descriptor().exports()) {
                if (!e.isQualified()) names.packages.add(e.source());
            }
        }
        return names;
    }

    /** Adds the packages of the class files in each entry of {@code classPath} (directories and jars). */
    public void addClassPath(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path path = Path.of(entry);
            try {
                if (Files.isDirectory(path)) {
                    addDirectory(path);
                } else if (Files.isRegularFile(path)) {
                    addJar(path);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable entry adds no names; javac reports what it cannot read when a cell uses it
            }
        }
    }

    private void addDirectory(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(".class"))
                    .map(p -> root.relativize(p.getParent() == null ? root : p.getParent()).toString())
                    .filter(dir -> !dir.isEmpty())
                    .map(dir -> dir.replace(File.separatorChar, '.'))
                    .forEach(packages::add);
        }
    }

    private void addJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && n.indexOf('/') > 0)
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                    .forEach(packages::add);
        }
    }

    /** Names that complete the dotted name before {@code cursor}, replacing {@code code[start, cursor)}. */
    public record Completion(int start, List<String> names) {}

    /**
     * The next package segments that complete the dotted name ending at {@code cursor}: after
     * {@code java.util.con}, {@code concurrent}; after {@code java.}, every package under {@code java}.
     * Empty when there is no dotted name, or its qualifier is no package.
     */
    public Completion complete(String code, int cursor) {
        int end = Math.max(0, Math.min(cursor, code.length()));
        // A dotted name is short: look at the end of the line only (the pattern is tried at every position).
        Matcher m = DOTTED_NAME_AT_END.matcher(code.substring(Math.max(0, end - 300), end));
        if (!m.find()) return new Completion(end, List.of());
        String qualifier = m.group(1); // "java.util." or ""
        String word = m.group(2) == null ? "" : m.group(2);
        if (qualifier.isEmpty() && word.isEmpty()) return new Completion(end, List.of());
        String prefix = qualifier + word;
        Set<String> names = new TreeSet<>();
        for (String p : packages.stream().filter(p -> p.startsWith(prefix)).toList()) {
            int dot = p.indexOf('.', qualifier.length());
            names.add(p.substring(qualifier.length(), dot < 0 ? p.length() : dot));
        }
        return new Completion(end - word.length(), List.copyOf(names));
    }
}
