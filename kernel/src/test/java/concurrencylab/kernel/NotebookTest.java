package concurrencylab.kernel;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotebookTest {

    /**
     * Every cell imports Notebook's statics, so javac completes its signatures for every cell: a kernel
     * type there has it read that type's class file (and those it names) in each compile.
     */
    @Test
    void itsSignaturesNameJdkTypesOnly() {
        List<Class<?>> types = new ArrayList<>();
        for (Field f : Notebook.class.getDeclaredFields()) types.add(f.getType());
        for (Method m : Notebook.class.getDeclaredMethods()) {
            types.add(m.getReturnType());
            types.addAll(List.of(m.getParameterTypes()));
        }
        List<String> notJdk = types.stream().map(t -> t.isArray() ? t.componentType() : t) // String... is a String[]
                .filter(t -> !t.isPrimitive() && !t.getName().startsWith("java.")).map(Class::getName).toList();
        assertEquals(List.of(), notJdk);
    }
}
