package concurrencylab.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where worker JVMs get classes that exist only in this JVM: the Concurrency Lab kernel provides one
 * that returns the bytecode of every class a notebook cell defined, so a lambda or record typed in a
 * cell can run in a worker process. Elsewhere there is none ({@link KernelServices#classSource()} is
 * null), and such code must live in a class on the class path.
 *
 * <pre>{@code
 * ClassSource source = KernelServices.classSource();
 * Map<String, byte[]> classes = source == null ? Map.of() : source.classes();   // "REPL.$JShell$12" -> bytes
 * }</pre>
 */
@FunctionalInterface
public interface ClassSource {

    /** Binary class name to class file bytes, for every class workers may need. */
    Map<String, byte[]> classes();

    /**
     * The current values of the notebook's variables, by class and field name ({@code "REPL.$JShell$7"}
     * to {@code {"factor": 3}}): cell variables are static fields of the classes JShell generates, which
     * a worker would otherwise see unset. Values that cannot be serialized are left out.
     */
    default Map<String, Map<String, Object>> variables() {
        return Map.of();
    }

    /** The variables of the given wrapper classes only: what one task uses ({@link #variables()} filtered by default). */
    default Map<String, Map<String, Object>> variables(Set<String> wrapperClasses) {
        var all = new HashMap<>(variables());
        all.keySet().retainAll(wrapperClasses);
        return all;
    }

    /** Loads one of those classes in this JVM, to read results that are instances of it. */
    default Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, ClassLoader.getSystemClassLoader());
    }
}
