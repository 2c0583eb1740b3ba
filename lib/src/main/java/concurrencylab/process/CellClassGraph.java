package concurrencylab.process;

import concurrencylab.spi.KernelRequiredException;

import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of the notebook cells' classes a task uses: the ones its serialized form names, and, through
 * their bytecode's constant pools, every cell class those refer to. Only those cells' variables are
 * copied to a worker, so a large variable elsewhere in the notebook costs nothing per call.
 */
final class CellClassGraph {
    // JShell names a cell's wrapper $JShell$16, and $JShell$16B, $JShell$16C... when a snippet is redefined.
    private static final Pattern CELL_CLASS = Pattern.compile("REPL[./]\\$JShell\\$[0-9]+[A-Z]*(?:\\$[A-Za-z0-9_$]+)?");
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$[0-9]+[A-Z]*");

    private CellClassGraph() {}

    /**
     * Refuses, in one line, to send code defined in a notebook cell from a JVM that has no cells' classes
     * to send with it: a kernel other than ours ({@code KernelServices.classSource()} is null there), or a
     * child JVM. Without this, the child would fail on the missing class, once per task, with a trace.
     */
    static void requireCellClassesAvailable(byte[] serializedTask, String call) {
        if (!CELL_CLASS.matcher(new String(serializedTask, StandardCharsets.ISO_8859_1)).find()) return;
        if (ShippedClasses.inThisJvm() != null) {
            throw new UnsupportedOperationException(call + " with a lambda or class defined in a notebook cell cannot run from a child JVM:"
                    + " only the notebook's kernel sends a cell's code; start it from the notebook, or put the code in a class on the class path");
        }
        throw new KernelRequiredException(call + " with a lambda or class defined in a notebook cell",
                "put that code in a class in a jar added with %jars, or open the notebook with the Concurrency Lab kernel");
    }

    /** The wrapper classes ({@code REPL.$JShell$N}, which hold the cells' variables) reachable from the task. */
    static Set<String> wrappersUsedBy(byte[] serializedTask, Map<String, byte[]> cellClasses) {
        var seen = new HashSet<String>();
        var pending = new ArrayDeque<String>();
        var m = CELL_CLASS.matcher(new String(serializedTask, StandardCharsets.ISO_8859_1));
        while (m.find()) add(m.group().replace('/', '.'), seen, pending);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            byte[] bytes = cellClasses.get(name);
            if (bytes == null) {
                int nested = name.indexOf('$', "REPL.$JShell$".length()); // REPL.$JShell$16B$Point -> REPL.$JShell$16B
                if (nested > 0) add(name.substring(0, nested), seen, pending); // its wrapper
                continue;
            }
            for (PoolEntry entry : ClassFile.of().parse(bytes).constantPool()) {
                if (entry instanceof ClassEntry c && c.asInternalName().startsWith("REPL/")) {
                    add(c.asInternalName().replace('/', '.'), seen, pending);
                }
            }
        }
        seen.removeIf(n -> !WRAPPER.matcher(n).matches());
        return seen;
    }

    private static void add(String name, Set<String> seen, ArrayDeque<String> pending) {
        if (seen.add(name)) pending.add(name);
    }
}
