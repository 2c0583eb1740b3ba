package concurrencylab.kernel.magic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %maven GROUP:ARTIFACT:VERSION...}: resolved with their transitive dependencies ({@link MavenResolver}),
 * added to the class path. IJava's names for it, {@code %addMavenDependencies} and {@code %addMavenDependency}, too.
 */
final class MavenMagic implements Magic {
    private final MavenResolver maven;

    MavenMagic(MavenResolver maven) {
        this.maven = maven;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%maven GROUP:ARTIFACT:VERSION...", "resolve from Maven Central with transitive dependencies"),
                new Usage("%addMavenDependencies COORDINATES...", "IJava's name for %maven (%addMavenDependency too)"));
    }

    @Override
    public List<String> names() {
        return List.of("maven", "addMavenDependencies", "addMavenDependency");
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) {
        if (magic.args().isEmpty()) throw magic.malformed("%" + magic.name() + " needs GROUP:ARTIFACT:VERSION");
        List<Path> added = new ArrayList<>();
        for (String coordinates : magic.args()) {
            if (coordinates.split(":").length < 3) {
                throw magic.malformed("'" + coordinates + "' is not GROUP:ARTIFACT:VERSION, for example org.apache.commons:commons-text:1.12.0");
            }
            for (Path jar : maven.resolve(coordinates)) {
                context.addToClasspath(jar.toString());
                added.add(jar);
            }
        }
        return Magic.print(addedJars(added));
    }

    /** Names every jar when there are few; Spark brings over a hundred, which would bury the cell in names. */
    static String addedJars(List<Path> jars) {
        List<String> names = jars.stream().map(j -> j.getFileName().toString()).toList();
        if (names.size() <= 12) return "Added to the class path: " + String.join(", ", names);
        long bytes = jars.stream().mapToLong(j -> {
            try {
                return Files.size(j);
            } catch (IOException e) {
                return 0;
            }
        }).sum();
        return String.format("Added to the class path: %d jars, %.0f MB: %s and %d more", names.size(), bytes / 1e6,
                String.join(", ", names.subList(0, 8)), names.size() - 8);
    }
}
