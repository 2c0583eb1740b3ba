package concurrencylab.kernel.magic;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code %maven GROUP:ARTIFACT:VERSION}: resolves an artifact and its transitive runtime dependencies
 * with Maven Resolver, from Maven Central (or {@code LAB_MAVEN_REPOSITORY}), cached in the local
 * repository ({@code ~/.m2/repository}, or {@code LAB_MAVEN_LOCAL}) like any Maven build.
 *
 * <pre>{@code
 * List<Path> jars = new MavenResolver().resolve("org.apache.commons:commons-text:1.12.0");
 * }</pre>
 */
public final class MavenResolver {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private RepositorySystem system;

    /** The jars of {@code coordinates} (GROUP:ARTIFACT[:EXTENSION[:CLASSIFIER]]:VERSION) and its runtime dependencies. */
    public synchronized List<Path> resolve(String coordinates) {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("malformed magic '%maven " + coordinates
                    + "': give GROUP:ARTIFACT:VERSION, for example org.apache.commons:commons-text:1.12.0");
        }
        if (system == null) system = new RepositorySystemSupplier().get();
        Path local = Path.of(System.getenv().getOrDefault("LAB_MAVEN_LOCAL",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        var remote = new RemoteRepository.Builder("central", "default",
                System.getenv().getOrDefault("LAB_MAVEN_REPOSITORY", CENTRAL)).build();
        // System properties let the POM model builder activate JDK- and OS-based profiles.
        // SessionBuilderSupplier sets up the session as Maven does: test and provided scopes are not followed.
        try (var session = new SessionBuilderSupplier(system).get().withLocalRepositoryBaseDirectories(local)
                .setSystemProperties(System.getProperties()).build()) {
            var collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), List.of(remote));
            var request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact).map(a -> a.getPath()).toList();
        } catch (DependencyResolutionException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new MagicException("%maven " + coordinates + ": cannot resolve it: " + root.getMessage());
        }
    }
}
