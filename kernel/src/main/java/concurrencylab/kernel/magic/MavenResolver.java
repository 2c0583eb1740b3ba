package concurrencylab.kernel.magic;

import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.building.StringModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maven Resolver for the dependency magics: {@code %maven GROUP:ARTIFACT:VERSION} and the dependencies a
 * POM declares ({@code %%loadFromPOM}), each with its transitive runtime dependencies, from Maven
 * Central (or {@code LAB_MAVEN_REPOSITORY}) and the repositories added with {@code %mavenRepo} or named
 * in the POM, cached in the local repository ({@code ~/.m2/repository}, or {@code LAB_MAVEN_LOCAL}) like
 * any Maven build.
 *
 * <pre>{@code
 * var maven = new MavenResolver();
 * List<Path> jars = maven.resolve("org.apache.commons:commons-text:1.12.0");
 * List<Path> more = maven.resolvePom("<project>...</project>", List.of("compile", "runtime"), "%%loadFromPOM");
 * }</pre>
 */
public final class MavenResolver {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final String central;
    private final Path local;
    private RepositorySystem system;
    /** Repositories added with {@code %mavenRepo}, by id, searched after Central. */
    private final Map<String, RemoteRepository> added = new LinkedHashMap<>();

    /** Maven Central (or {@code LAB_MAVEN_REPOSITORY}) into {@code ~/.m2/repository} (or {@code LAB_MAVEN_LOCAL}). */
    public MavenResolver() {
        this(System.getenv().getOrDefault("LAB_MAVEN_REPOSITORY", CENTRAL), Path.of(System.getenv().getOrDefault("LAB_MAVEN_LOCAL",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString())));
    }

    /** {@code central} (a URL) in place of Maven Central, into the local repository {@code local}. */
    MavenResolver(String central, Path local) {
        this.central = central;
        this.local = local;
    }

    /** The jars of {@code coordinates} (GROUP:ARTIFACT[:EXTENSION[:CLASSIFIER]]:VERSION) and its runtime dependencies. */
    public synchronized List<Path> resolve(String coordinates) {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("malformed magic '%maven " + coordinates
                    + "': give GROUP:ARTIFACT:VERSION, for example org.apache.commons:commons-text:1.12.0");
        }
        return collect(List.of(new Dependency(artifact, JavaScopes.RUNTIME)), List.of(), repositories(List.of()), "%maven " + coordinates);
    }

    /** Adds a repository searched after Maven Central ({@code %mavenRepo ID URL}); the same id replaces it. */
    public synchronized void addRepository(String id, String url) {
        added.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    /**
     * The jars of the dependencies the POM {@code pomXml} declares in one of {@code scopes}, with their
     * transitive runtime dependencies, from its repositories and ours. Its properties, dependency
     * management, parent and imported BOMs are applied as Maven does; a {@code system} dependency is its
     * {@code systemPath}. {@code magic} names the magic in errors.
     */
    public synchronized List<Path> resolvePom(String pomXml, Collection<String> scopes, String magic) {
        Model model = effectiveModel(pomXml, magic);
        List<Dependency> direct = new ArrayList<>();
        List<Path> systemJars = new ArrayList<>();
        for (var d : model.getDependencies()) {
            String scope = d.getScope() == null ? JavaScopes.COMPILE : d.getScope();
            if (!scopes.contains(scope)) continue;
            if (JavaScopes.SYSTEM.equals(scope)) {
                Path jar = d.getSystemPath() == null ? null : Path.of(d.getSystemPath());
                if (jar == null || !Files.exists(jar)) {
                    throw new MagicException(magic + ": the system dependency " + d.getManagementKey() + " has no file at its systemPath '"
                            + d.getSystemPath() + "'");
                }
                systemJars.add(jar);
                continue;
            }
            // Kept whatever scope the POM gave it (the scopes asked for say which); collected as compile.
            direct.add(new Dependency(artifact(d), JavaScopes.COMPILE, d.isOptional(), exclusions(d)));
        }
        List<Dependency> managed = model.getDependencyManagement() == null ? List.of()
                : model.getDependencyManagement().getDependencies().stream()
                        .map(d -> new Dependency(artifact(d), d.getScope(), d.isOptional(), exclusions(d))).toList();
        List<Path> jars = new ArrayList<>(systemJars);
        if (!direct.isEmpty()) jars.addAll(collect(direct, managed, repositories(model.getRepositories()), magic));
        if (jars.isEmpty()) {
            throw new MagicException(magic + ": the POM declares no dependency in the scopes " + String.join(", ", scopes));
        }
        return jars;
    }

    private static DefaultArtifact artifact(org.apache.maven.model.Dependency d) {
        return new DefaultArtifact(d.getGroupId(), d.getArtifactId(), d.getClassifier(), d.getType() == null ? "jar" : d.getType(), d.getVersion());
    }

    private static List<Exclusion> exclusions(org.apache.maven.model.Dependency d) {
        return d.getExclusions().stream().map(x -> new Exclusion(x.getGroupId(), x.getArtifactId(), "*", "*")).toList();
    }

    /** Central (or LAB_MAVEN_REPOSITORY), then those added with %mavenRepo, then {@code more} (a POM's). */
    private List<RemoteRepository> repositories(List<Repository> more) {
        Map<String, RemoteRepository> all = new LinkedHashMap<>();
        all.put("central", new RemoteRepository.Builder("central", "default", central).build());
        all.putAll(added);
        for (Repository r : more) all.putIfAbsent(r.getId(), new RemoteRepository.Builder(r.getId(), "default", r.getUrl()).build());
        return List.copyOf(all.values());
    }

    private List<Path> collect(List<Dependency> dependencies, List<Dependency> managed, List<RemoteRepository> remote, String what) {
        return inSession(session -> {
            var collect = new CollectRequest(dependencies, managed, remote);
            var request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            try {
                return system.resolveDependencies(session, request).getArtifactResults().stream()
                        .map(ArtifactResult::getArtifact).map(a -> a.getPath()).toList();
            } catch (DependencyResolutionException e) {
                throw new MagicException(what + ": cannot resolve it: " + rootMessage(e));
            }
        });
    }

    private <T> T inSession(Function<RepositorySystemSession, T> work) {
        if (system == null) system = new RepositorySystemSupplier().get();
        // System properties let the POM model builder activate JDK- and OS-based profiles.
        // SessionBuilderSupplier sets up the session as Maven does: test and provided scopes are not followed.
        try (var session = new SessionBuilderSupplier(system).get().withLocalRepositoryBaseDirectories(local)
                .setSystemProperties(System.getProperties()).build()) {
            return work.apply(session);
        }
    }

    /** The POM as Maven sees it: properties interpolated, parent and dependency management applied. */
    private Model effectiveModel(String pomXml, String magic) {
        var request = new DefaultModelBuildingRequest()
                .setModelSource(new StringModelSource(pomXml, "the POM of " + magic))
                .setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL)
                .setProcessPlugins(false)
                .setTwoPhaseBuilding(false)
                .setSystemProperties(System.getProperties())
                .setModelResolver(new PomResolver(new ArrayList<>()));
        try {
            return new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel();
        } catch (ModelBuildingException e) {
            String problems = e.getProblems().stream().map(p -> p.getMessage()).distinct().reduce((a, b) -> a + "; " + b).orElse(e.getMessage());
            throw new MagicException(magic + ": the POM is not valid: " + problems.replace('\n', ' '));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return String.valueOf(root.getMessage()).replace('\n', ' ');
    }

    /** Finds the POMs a POM refers to (its parent, imported BOMs) in the repositories, for the model builder. */
    private final class PomResolver implements ModelResolver {
        private final List<Repository> repositories;

        PomResolver(List<Repository> repositories) {
            this.repositories = repositories;
        }

        @Override
        public ModelSource resolveModel(String groupId, String artifactId, String version) throws UnresolvableModelException {
            var request = new ArtifactRequest(new DefaultArtifact(groupId, artifactId, "", "pom", version), MavenResolver.this.repositories(repositories), null);
            try {
                Path pom = inSession(session -> {
                    try {
                        return system.resolveArtifact(session, request).getArtifact().getPath();
                    } catch (ArtifactResolutionException e) {
                        throw new IllegalStateException(rootMessage(e), e);
                    }
                });
                return new FileModelSource(pom.toFile());
            } catch (IllegalStateException e) {
                throw new UnresolvableModelException(e.getMessage(), groupId, artifactId, version, e);
            }
        }

        @Override
        public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
            return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        }

        @Override
        public ModelSource resolveModel(org.apache.maven.model.Dependency dependency) throws UnresolvableModelException {
            return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
        }

        @Override
        public void addRepository(Repository repository) {
            addRepository(repository, false);
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
            if (replace) repositories.removeIf(r -> r.getId().equals(repository.getId()));
            if (repositories.stream().noneMatch(r -> r.getId().equals(repository.getId()))) repositories.add(repository);
        }

        @Override
        public ModelResolver newCopy() {
            return new PomResolver(new ArrayList<>(repositories));
        }
    }
}
