package concurrencylab.kernel.exec;

import concurrencylab.spi.ClassSource;

import java.util.Map;
import java.util.Set;

/**
 * The kernel's side of {@link ClassSource}: the classes and variables the cells defined, read from the
 * engine, so that worker JVMs can run code typed in a cell. Before JShell has created the engine
 * there are none.
 *
 * <pre>{@code
 * KernelServices.install(new CellClassSource(start.engine()), display);
 * }</pre>
 */
public final class CellClassSource implements ClassSource {
    private final CellExecutionControl.Provider engine;

    public CellClassSource(CellExecutionControl.Provider engine) {
        this.engine = engine;
    }

    @Override
    public Map<String, byte[]> classes() {
        CellExecutionControl control = engine.control();
        return control == null ? Map.of() : control.classBytes();
    }

    @Override
    public Class<?> load(String name) throws ClassNotFoundException {
        CellExecutionControl control = engine.control();
        if (control == null) throw new ClassNotFoundException(name);
        return control.loadCellClass(name);
    }

    @Override
    public Map<String, Map<String, Object>> variables() {
        return variables(null);
    }

    /** The variables of the given wrapper classes, or of all cells for null. */
    @Override
    public Map<String, Map<String, Object>> variables(Set<String> wrapperClasses) {
        CellExecutionControl control = engine.control();
        return control == null ? Map.of() : control.cellVariables(wrapperClasses);
    }
}
