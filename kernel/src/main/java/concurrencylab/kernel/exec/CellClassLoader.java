package concurrencylab.kernel.exec;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.InvokeDynamicEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Loads the classes cells define and keeps their bytes, once, for as long as a later cell, a worker JVM
 * or a library reading class files (Spark's closure cleaner) can use them: JShell's own loader keeps
 * every class's bytes for the whole session, and copies of them again. {@link #forget} drops a
 * redefined or dropped cell's classes.
 *
 * <pre>{@code
 * var classes = new CellClassLoader();
 * var control = new DirectExecutionControl(classes);   // JShell loads cell classes through it
 * classes.bytes();                                      // "REPL.$JShell$12" -> bytes, for worker JVMs
 * classes.forget("REPL.$JShell$12");                    // cell 12's variable was redefined
 * }</pre>
 */
final class CellClassLoader implements LoaderDelegate {
    /** Sorted, so that a wrapper class and its nested classes ({@code REPL.$JShell$12$Point}) are one range. */
    private final NavigableMap<String, byte[]> bytes = new ConcurrentSkipListMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
    private final Loader loader = new Loader();

    CellClassLoader() {
        // As JShell's own loader does: the thread that builds JShell sees cell classes by name.
        Thread.currentThread().setContextClassLoader(loader);
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] done = new boolean[classes.length];
        try {
            for (ClassBytecodes c : classes) bytes.put(c.name(), c.bytecodes());
            for (int i = 0; i < classes.length; i++) {
                Class<?> c = loader.loadClass(classes[i].name());
                loaded.put(classes[i].name(), c);
                done[i] = true;
                c.getDeclaredMethods(); // prepared now, as JShell's loader does, not in the middle of the cell
            }
        } catch (Throwable t) {
            throw new ClassInstallException("load: " + t.getMessage(), done);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) bytes.put(c.name(), c.bytecodes());
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String entry : path.split(File.pathSeparator)) loader.addURL(new File(entry).toURI().toURL());
        } catch (MalformedURLException e) {
            throw new InternalException(e.toString());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = loaded.get(name);
        if (c == null) throw new ClassNotFoundException(name + " not found");
        return c;
    }

    /** The bytes of every class cells defined that is still in use, by binary name (a live view). */
    Map<String, byte[]> bytes() {
        return Collections.unmodifiableMap(bytes);
    }

    /** The names of the classes cells defined that are still in use. */
    Set<String> names() {
        return Collections.unmodifiableSet(bytes.keySet());
    }

    /**
     * Forgets the class {@code wrapper} (a cell's {@code REPL.$JShell$12}) and the classes nested in it;
     * returns their names. Loaded classes stay loaded (objects of them may live on in other variables),
     * but their bytes are no longer shipped to worker JVMs or served as resources.
     */
    List<String> forget(String wrapper) {
        List<String> gone = new ArrayList<>();
        if (bytes.remove(wrapper) != null) gone.add(wrapper);
        NavigableMap<String, byte[]> nested = bytes.subMap(wrapper + "$", true, wrapper + "$\uffff", true);
        gone.addAll(nested.keySet());
        nested.clear();
        gone.forEach(loaded::remove);
        return gone;
    }

    /** True when the class has lambdas or method references, or nested classes, whose objects may outlive its cell. */
    boolean canOutliveItsCell(String wrapper) {
        if (!bytes.subMap(wrapper + "$", true, wrapper + "$\uffff", true).isEmpty()) return true;
        byte[] b = bytes.get(wrapper);
        if (b == null) return false;
        for (PoolEntry e : ClassFile.of().parse(b).constantPool()) {
            if (e instanceof InvokeDynamicEntry indy
                    && indy.bootstrap().bootstrapMethod().reference().owner().asInternalName().equals("java/lang/invoke/LambdaMetafactory")) {
                return true;
            }
        }
        return false;
    }

    /** Defines cell classes from their bytes; the notebook's class path ({@code %jars}, {@code %maven}) is its own. */
    private final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        Loader() {
            super(new URL[0]);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = bytes.get(name);
            if (b == null) return super.findClass(name);
            return defineClass(name, b, 0, b.length);
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }

        /** Cell classes as resources too ({@code REPL/$JShell$12.class}): Spark's closure cleaner reads them. */
        @Override
        public URL findResource(String name) {
            URL u = cellClassResource(name);
            return u != null ? u : super.findResource(name);
        }

        @Override
        public Enumeration<URL> findResources(String name) throws IOException {
            URL u = cellClassResource(name);
            if (u == null) return super.findResources(name);
            List<URL> all = Collections.list(super.findResources(name));
            all.add(u);
            return Collections.enumeration(all);
        }

        private URL cellClassResource(String resource) {
            if (!resource.endsWith(".class")) return null;
            String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
            if (!bytes.containsKey(name)) return null;
            try {
                return URL.of(URI.create("jshell:/" + resource.replace("$", "%24")), new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) {
                        return new URLConnection(url) {
                            @Override
                            public void connect() {
                                connected = true;
                            }

                            @Override
                            public InputStream getInputStream() throws IOException {
                                byte[] b = bytes.get(name);
                                if (b == null) throw new IOException(name + " was redefined or dropped");
                                return new ByteArrayInputStream(b);
                            }
                        };
                    }
                });
            } catch (MalformedURLException e) {
                return null;
            }
        }
    }
}
