package concurrencylab.kernel.magic;

import java.net.URI;
import java.util.List;

/** {@code %mavenRepo ID URL} (IJava's {@code %addMavenRepo} too): a repository {@code %maven} and {@code %%loadFromPOM} search after Maven Central. */
final class MavenRepoMagic implements Magic {
    private final MavenResolver maven;

    MavenRepoMagic(MavenResolver maven) {
        this.maven = maven;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%mavenRepo ID URL", "search this Maven repository too (%addMavenRepo too)"));
    }

    @Override
    public List<String> names() {
        return List.of("mavenRepo", "addMavenRepo");
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) {
        if (magic.args().size() != 2) throw magic.malformed("%" + magic.name() + " takes a repository id and its URL, for example "
                + "%mavenRepo jitpack https://jitpack.io");
        String id = magic.args().get(0);
        String url = magic.args().get(1);
        String scheme;
        try {
            scheme = URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        if (scheme == null || !List.of("https", "http", "file").contains(scheme)) {
            throw magic.malformed("'" + url + "' is not a repository URL (https://..., or file:/... for a directory)");
        }
        maven.addRepository(id, url);
        return Magic.print("Maven repository " + id + " added: " + url);
    }
}
