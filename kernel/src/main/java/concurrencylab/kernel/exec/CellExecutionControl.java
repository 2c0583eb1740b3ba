package concurrencylab.kernel.exec;

import concurrencylab.kernel.threads.NotebookThreads;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.constant.ClassDesc;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs cell code in the kernel's own JVM, like JShell's {@code local} engine (stop checks woven into
 * cell bytecode, a thread per snippet), and adds what a notebook needs:
 * <ul>
 *   <li>the value of a cell's last expression as an object, not only its {@code toString}, so charts
 *       and tables can be displayed;</li>
 *   <li>every thread a cell starts lives in the cell's thread group ({@link CellThreads}), so an
 *       interrupt reaches them too, and a thread the interrupt stops ends without a word ({@link CellStopped});</li>
 *   <li>{@code System.exit} in a cell throws instead of ending the kernel ({@link CellCode});</li>
 *   <li>the bytes of every class a cell defined, for shipping cell code to worker processes, kept while
 *       the cell's code is in use ({@link CellClassLoader}).</li>
 * </ul>
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** How long an interrupted cell may take to end before the kernel gives up waiting for it. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** Marks a string returned by {@link #invoke(Method)} as a key into {@link #values}. */
    static final String VALUE_KEY_PREFIX = "\u2063value#";
    /** Cell wrapper classes that hold the cells' variables; a letter after the number marks a redefined one. */
    private static final String WRAPPER_CLASS = "REPL\\.\\$JShell\\$\\d+[A-Z]*";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    /** The cells' classes, loaded and kept while in use (this engine's loader delegate). */
    private final CellClassLoader classes;
    private final AtomicInteger snippetCounter = new AtomicInteger();
    private final ExecutionClock clock = new ExecutionClock();
    private final CellThreads threads = new CellThreads(this::variablesByName);
    private final KernelHeap heap = new KernelHeap();
    private volatile CellClassFiles classFiles;
    private volatile Field allStop;
    private volatile Thread snippetThread;
    private volatile boolean stopRequested;
    private volatile long stopDeadline;
    private volatile boolean stopped;
    private volatile boolean cellActive;

    CellExecutionControl() {
        this(new CellClassLoader());
    }

    private CellExecutionControl(CellClassLoader classes) {
        super(classes);
        this.classes = classes;
        CellStopped.endThreadsQuietly();
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassHierarchyResolver hierarchy = cellClassHierarchy(classes);
        ClassBytecodes[] woven = Stream.of(classes)
                .map(c -> new ClassBytecodes(c.name(), CellCode.instrument(c.bytecodes(), hierarchy)))
                .toArray(ClassBytecodes[]::new);
        super.load(woven);
        for (ClassBytecodes c : woven) remember(c.name(), c.bytecodes());
    }

    /**
     * Supertypes for the class file API: the JDK's classes, then the classes of this batch and of earlier
     * cells (from their bytes), then any class the cells' loader finds (jars added by {@code %jars}).
     */
    private ClassHierarchyResolver cellClassHierarchy(ClassBytecodes[] batch) {
        Map<String, byte[]> now = new HashMap<>();
        for (ClassBytecodes c : batch) now.put(c.name(), c.bytecodes());
        ClassHierarchyResolver cells = ClassHierarchyResolver.ofResourceParsing(desc -> {
            byte[] bytes = now.getOrDefault(binaryName(desc), classes.bytes().get(binaryName(desc)));
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        ClassHierarchyResolver loaded = desc -> {
            try {
                Class<?> c = findClass(binaryName(desc));
                if (c.isInterface()) return ClassHierarchyResolver.ClassHierarchyInfo.ofInterface();
                Class<?> parent = c.getSuperclass();
                return ClassHierarchyResolver.ClassHierarchyInfo.ofClass(parent == null ? null : parent.describeConstable().orElseThrow());
            } catch (ClassNotFoundException | RuntimeException e) {
                return null;
            }
        };
        return ClassHierarchyResolver.defaultResolver().orElse(cells).orElse(loaded);
    }

    private static String binaryName(ClassDesc desc) {
        String d = desc.descriptorString();
        return d.substring(1, d.length() - 1).replace('/', '.');
    }

    private synchronized void remember(String name, byte[] bytes) {
        CellClassFiles files = classFiles;
        if (files != null) files.write(name, bytes);
    }

    /** From now on also writes every class cells define to {@code files} (those defined so far too). */
    public synchronized void writeClassesTo(CellClassFiles files) {
        classFiles = files;
        classes.bytes().forEach(files::write);
    }

    /**
     * True when objects of the cell class {@code wrapper} may outlive its snippet: it has lambdas or
     * method references, or nested classes (a task a statement added to a list, run in a worker later).
     */
    public boolean canOutliveItsCell(String wrapper) {
        return classes.canOutliveItsCell(wrapper);
    }

    /**
     * Forgets the classes of cells that were redefined or dropped ({@code REPL.$JShell$12} and the classes
     * nested in it): their bytes are no longer kept, shipped to worker JVMs or written for Spark executors.
     * Returns the names of the classes forgotten.
     */
    public synchronized List<String> forgetClasses(Collection<String> wrappers) {
        List<String> gone = new ArrayList<>();
        for (String wrapper : wrappers) gone.addAll(classes.forget(wrapper));
        CellClassFiles files = classFiles;
        if (files != null) gone.forEach(files::delete);
        return gone;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        ensureCancelClass();
        if (stopRequested) { // interrupted between two snippets of the cell: run no more of it
            stopped = true;
            throw new StoppedException();
        }
        int n = snippetCounter.incrementAndGet();
        // As in an application, the context loader sees every class the code sees, the jars of %maven
        // included: libraries that load classes by name (Spark's serializers, ServiceLoader) need it.
        Object[] result = new Object[1];
        Throwable t = runOnCellThread("cell-" + n, doit.getDeclaringClass().getClassLoader(), () -> result[0] = doit.invoke(null));
        if (t instanceof InvocationTargetException ite && ite.getCause() instanceof OutOfMemoryError) heap.ranOut();
        if (stopRequested || (t instanceof InvocationTargetException ite && ite.getCause() instanceof CellStopped)) {
            stopped = true;
            throw new StoppedException();
        }
        if (t instanceof Exception e) throw e;
        if (t instanceof Error e) throw e;
        clearDisplayedValue(doit.getDeclaringClass());
        String key = VALUE_KEY_PREFIX + n;
        values.put(key, result[0] == null ? NULL : result[0]);
        return key;
    }

    private static final Object NULL = new Object();

    /**
     * Runs {@code body} as a snippet runs (a widget's callback): on a thread of a new group of the cell's,
     * so {@link #stop()} ends it and the threads it starts, with the cells' classes as its context loader.
     * Call it between {@link #beginCell()} and {@link #endCell()}.
     *
     * @return the body's value
     * @throws StoppedException when an interrupt or the time limit stopped it
     * @throws Exception        what the body threw
     */
    public Object runCallback(String name, Callable<?> body) throws Exception {
        ensureCancelClass();
        if (stopRequested) {
            throw new StoppedException();
        }
        Object[] result = new Object[1];
        Throwable t = runOnCellThread(name, findClass(CellCode.CANCEL_CLASS).getClassLoader(), () -> result[0] = body.call());
        stopped = false; // a callback reports its stop itself; the next snippet must not hear of it
        if (stopRequested || t instanceof CellStopped) throw new StoppedException();
        if (t instanceof Exception e) throw e;
        if (t instanceof Error e) throw e;
        return result[0];
    }

    /** Runs {@code body} on a new thread of the cell's groups and waits for it (past a stop, only a grace period); returns what it threw. */
    private Throwable runOnCellThread(String name, ClassLoader loader, Callable<?> body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(threads.next(name), () -> {
            try {
                body.call();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        threads.snippetThread(thread);
        thread.setContextClassLoader(loader);
        snippetThread = thread;
        ExecutionClock.Run run = clock.start();
        thread.start();
        try {
            while (thread.isAlive()) {
                thread.join(20);
                if (stopRequested && System.nanoTime() > stopDeadline) break; // stuck in code without stop checks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            snippetThread = null;
            run.end();
        }
        return failure.get();
    }

    /** A displayed expression's variable ({@link CellValue}) is read through this invocation's result only. */
    private static void clearDisplayedValue(Class<?> wrapper) throws IllegalAccessException {
        for (Field f : wrapper.getDeclaredFields()) {
            if (f.getName().startsWith(CellValue.VARIABLE) && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                f.set(null, null);
            }
        }
    }

    /**
     * Takes the value that {@code jshell} reported as {@code valueString}; returns {@code fallback} when
     * the string is not one of our keys (a snippet kind whose value JShell computes itself).
     */
    public Object takeValue(String valueString, Object fallback) {
        if (valueString == null || !valueString.startsWith(VALUE_KEY_PREFIX)) return fallback;
        Object v = values.remove(valueString);
        return v == NULL ? null : v == null ? fallback : v;
    }

    /** Forgets every value not taken, so a cell's results don't outlive it. */
    public void clearValues() {
        values.clear();
    }

    /**
     * Starts a cell: lowers the stop flag an earlier interrupt raised. The stop state belongs to the
     * whole cell, so an interrupt that arrives between two of its snippets still stops it.
     */
    public void beginCell(int count) throws Exception {
        ensureCancelClass();
        threads.cellStarted(count);
        heap.restoreReserve();
        cellActive = true;
        stopRequested = false;
        stopped = false;
        allStop.setBoolean(null, false);
    }

    /** Ends a cell: an interrupt from now on is for threads it left running. */
    public void endCell() {
        cellActive = false;
    }

    /** True once after a snippet was stopped by {@link #stop()}; JShell itself does not report it. */
    public boolean takeStopped() {
        boolean s = stopped;
        stopped = false;
        return s;
    }

    /** The time cell code has run, for {@code %time}. */
    public ExecutionClock clock() {
        return clock;
    }

    /** Loads a class a cell defined (for reading worker results that are instances of it). */
    public Class<?> loadCellClass(String name) throws ClassNotFoundException {
        return findClass(name);
    }

    /**
     * The cells' variables: JShell keeps each as a static field of the class it generates for the cell
     * ({@code REPL.$JShell$N}, not the classes users declare inside it).
     *
     * @param only the wrapper classes to read, or null for all
     */
    public Map<String, Map<String, Object>> cellVariables(Set<String> only) {
        Map<String, Map<String, Object>> all = new HashMap<>();
        for (String name : only != null ? only : classes.names()) {
            if (!name.matches(WRAPPER_CLASS) || !classes.names().contains(name)) continue;
            try {
                Map<String, Object> fields = new HashMap<>();
                for (var f : findClass(name).getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
                    f.setAccessible(true);
                    Object v = f.get(null);
                    if (v != null) fields.put(f.getName(), v);
                }
                if (!fields.isEmpty()) all.put(name, fields);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // a class JShell replaced and that no longer loads: nothing to send
            }
        }
        return all;
    }

    /** The threads cells started, and which cell started each (for {@code %threads} and the deadlock watch). */
    public NotebookThreads notebookThreads() {
        return threads;
    }

    /** The cells' variables by name, a later cell's over an earlier one's of the same name. */
    private Map<String, Object> variablesByName() {
        Map<String, Object> byName = new HashMap<>();
        cellVariables(null).entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ?> e) -> wrapperNumber(e.getKey())).thenComparing(Map.Entry::getKey))
                .forEach(e -> byName.putAll(e.getValue()));
        byName.keySet().removeIf(name -> name.startsWith(CellValue.VARIABLE));
        return byName;
    }

    /** 12 for {@code REPL.$JShell$12} or {@code REPL.$JShell$12B}. */
    private static int wrapperNumber(String wrapper) {
        String digits = wrapper.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits.substring(0, Math.min(9, digits.length())));
    }

    /** The bytecode of every class the cells defined that is still in use, by binary name. */
    public Map<String, byte[]> classBytes() {
        return Map.copyOf(classes.bytes());
    }

    /**
     * Stops the running cell: raises the stop flag checked by cell code (busy loops end within
     * microseconds) and interrupts every thread the cell started (sleeps, waits, blocking queues).
     */
    @Override
    public void stop() {
        if (cellActive) {
            stopDeadline = System.nanoTime() + STOP_GRACE_NANOS;
            stopRequested = true;
        }
        raiseStopFlag();
        threads.interruptCurrent();
        // Nothing runs: the interrupt is for threads that earlier cells left running (a spinning pool).
        if (!cellActive) threads.interruptEarlier();
    }

    /** Makes every loop in cell code throw at its next check; the next cell lowers the flag again. */
    private void raiseStopFlag() {
        try {
            ensureCancelClass();
            allStop.setBoolean(null, true);
        } catch (Exception e) {
            // without the flag, interrupts still stop sleeps and waits
        }
    }

    private void ensureCancelClass() throws Exception {
        if (allStop == null) {
            synchronized (this) {
                if (allStop == null) {
                    super.load(new ClassBytecodes[]{new ClassBytecodes(CellCode.CANCEL_CLASS, CellCode.cancelClass())});
                    remember(CellCode.CANCEL_CLASS, CellCode.cancelClass());
                    allStop = findClass(CellCode.CANCEL_CLASS).getDeclaredField("allStop");
                }
            }
        }
    }

    /** Creates the control for JShell's builder. */
    public static final class Provider implements ExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public String name() {
            return "concurrencylab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl();
            return control;
        }

        /** The control JShell created, once it has. */
        public CellExecutionControl control() {
            return control;
        }
    }
}
