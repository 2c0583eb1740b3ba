package concurrencylab.kernel.magic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's magics by name, IJava-compatible where IJava has them; each is a class of its own.
 *
 * <pre>{@code
 * %jars /opt/libs/*.jar             add jars (globs allowed) to the class path; %classpath too
 * %maven org.apache.commons:commons-text:1.12.0   resolve with transitive dependencies
 * %mavenRepo ID URL                 search another Maven repository too
 * %load helpers.jsh                 run a file of snippets, or a notebook's code cells, in this cell
 * %%loadFromPOM                     as the first line: add the dependencies of the POM (fragment) below
 * %time work.runTask(0)             wall, CPU of all JVM threads, cores busy
 * %timeit Math.sqrt(2.0)            repeats after a warm-up: median and spread per call
 * %source Charts                    the library's source of a class
 * %cell_timeout 30                  stop cells that run longer than 30 s (off to remove)
 * %threads  or  %threads --all      the threads cells started (or all): state, locks and holders, CPU, cell lines
 * %%pinning                         as the first line: where virtual threads were pinned while the cell ran
 * %%time  or  %%timeit              as the first line: the same for the whole cell
 * }</pre>
 *
 * <pre>{@code
 * var magics = Magics.standard();
 * magics.run(MagicLine.parse("%time Thread.sleep(100)"), context);
 * }</pre>
 */
public final class Magics {
    private final Map<String, Magic> byName = new LinkedHashMap<>();
    private final List<Magic> magics = new ArrayList<>();

    private Magics() {}

    /** Every magic of the kernel, {@code %lsmagic} included. */
    public static Magics standard() {
        Magics m = new Magics();
        MavenResolver maven = new MavenResolver();
        for (Magic magic : List.of(new ClasspathMagic(), new MavenMagic(maven), new MavenRepoMagic(maven), new LoadFromPomMagic(maven),
                new LoadMagic(), new TimeMagic(), new TimeitMagic(), new SourceMagic(), new CellTimeoutMagic(), new ThreadsMagic(),
                new PinningMagic(), new LsMagic(m))) {
            m.add(magic);
        }
        return m;
    }

    private void add(Magic magic) {
        magics.add(magic);
        for (String name : magic.names()) byName.put(name, magic);
    }

    /** The magics, in the order {@code %lsmagic} lists them. */
    List<Magic> all() {
        return List.copyOf(magics);
    }

    /** Runs a line magic; returns the value to show, or {@link Magic#NO_VALUE}. */
    public Object run(MagicLine magic, MagicContext context) throws Exception {
        Magic m = byName.get(magic.name());
        if (m == null) throw new MagicException("unknown magic %" + magic.name() + " in '" + magic.raw() + "'; %lsmagic lists the magics");
        return m.line(magic, context);
    }

    /** Runs a cell magic ({@code %%name} on the first line) over {@code body}. */
    public Object runCell(MagicLine magic, String body, MagicContext context) throws Exception {
        Magic m = byName.get(magic.name());
        if (m == null) throw new MagicException("unknown cell magic %%" + magic.name() + " in '" + magic.raw() + "'; %lsmagic lists the magics");
        return m.cell(magic, body, context);
    }
}
