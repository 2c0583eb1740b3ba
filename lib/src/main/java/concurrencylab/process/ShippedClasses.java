package concurrencylab.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In a child JVM: the classes its parent shipped (classes defined in notebook cells), defined on first
 * use, and the object stream that resolves classes through them.
 */
final class ShippedClasses extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static volatile ShippedClasses inThisJvm;
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    /** Makes {@code classes} where objects arriving in this (child) JVM find the cells' classes. */
    static void useInThisJvm(ShippedClasses classes) {
        inThisJvm = classes;
    }

    /** The shipped classes of this child JVM, or null in the kernel's. */
    static ShippedClasses inThisJvm() {
        return inThisJvm;
    }

    ShippedClasses() {
        super("shipped-classes", ClassLoader.getSystemClassLoader());
    }

    void add(String name, byte[] classFile) {
        bytes.putIfAbsent(name, classFile);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = bytes.get(name);
        if (b == null) throw new ClassNotFoundException(name);
        return defineClass(name, b, 0, b.length);
    }

    /** Reads one serialized object, resolving classes through the shipped ones too. */
    Object read(byte[] serialized) throws IOException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(serialized)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
                return Class.forName(desc.getName(), false, ShippedClasses.this);
            }
        }) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(unknownClass(e.getMessage()), e);
        }
    }

    static String unknownClass(String name) {
        return name != null && name.startsWith("REPL.")
                ? "the code uses " + name + ", a class defined in a notebook cell, which only the Concurrency Lab kernel can"
                  + " send to worker JVMs; under another kernel put the code in a class on the class path"
                : "the worker JVM cannot load " + name + "; put it in a class on the library's class path";
    }

}
