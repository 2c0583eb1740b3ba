package concurrencylab.kernel.exec;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs cell code in the kernel's own JVM, like JShell's {@code local} engine (stop checks woven into
 * cell bytecode, a thread per cell), and adds what a notebook needs:
 * <ul>
 *   <li>the value of a cell's last expression as an object, not only its {@code toString}, so charts
 *       and tables can be displayed;</li>
 *   <li>every thread a cell starts lives in the cell's thread group, so an interrupt reaches them too;</li>
 *   <li>{@code System.exit} in a cell throws instead of ending the kernel ({@link CellCode});</li>
 *   <li>the bytes of every class a cell defined, for shipping cell code to worker processes.</li>
 * </ul>
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** How long an interrupted cell may take to end before the kernel gives up waiting for it. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** Marks a string returned by {@link #invoke(Method)} as a key into {@link #values}. */
    static final String VALUE_KEY_PREFIX = "\u2063value#";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final Map<String, byte[]> classBytes = new ConcurrentHashMap<>();
    private final AtomicInteger cellCounter = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong executionNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong executionCpuNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong compilerCpuNanos = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger cpuClockUsers = new AtomicInteger();
    private volatile CellClassFiles classFiles;
    private volatile Field allStop;
    private volatile ThreadGroup cellGroup;
    /** Thread groups of earlier cells whose threads may still run (pools, timers): an idle interrupt stops them. */
    private final java.util.List<java.lang.ref.WeakReference<ThreadGroup>> earlierGroups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Thread cellThread;
    private volatile boolean stopRequested;
    private volatile long stopDeadline;
    private volatile boolean stopped;
    private volatile boolean cellActive;

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] woven = Stream.of(classes)
                .map(c -> new ClassBytecodes(c.name(), CellCode.instrument(c.bytecodes())))
                .toArray(ClassBytecodes[]::new);
        super.load(woven);
        for (ClassBytecodes c : woven) remember(c.name(), c.bytecodes());
    }

    private void remember(String name, byte[] bytes) {
        classBytes.put(name, bytes);
        CellClassFiles files = classFiles;
        if (files != null) files.write(name, bytes);
    }

    /** From now on also writes every class cells define to {@code files} (those defined so far too). */
    public void writeClassesTo(CellClassFiles files) {
        classFiles = files;
        classBytes.forEach(files::write);
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        ensureCancelClass();
        if (stopRequested) { // interrupted between two snippets of the cell: run no more of it
            stopped = true;
            throw new StoppedException();
        }
        int n = cellCounter.incrementAndGet();
        ThreadGroup group = new ThreadGroup("cell-" + n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object[] result = new Object[1];
        Thread thread = new Thread(group, () -> {
            try {
                result[0] = doit.invoke(null);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "cell-" + n);
        // As in an application, the context loader sees every class the code sees, the jars of %maven
        // included: libraries that load classes by name (Spark's serializers, ServiceLoader) need it.
        thread.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
        if (cellGroup != null) earlierGroups.add(new java.lang.ref.WeakReference<>(cellGroup));
        earlierGroups.removeIf(ref -> ref.get() == null || ref.get().activeCount() == 0);
        cellGroup = group;
        cellThread = thread;
        var cpu0 = cpuClockUsers.get() > 0 ? concurrencylab.measure.CpuClock.now() : null;
        long t0 = System.nanoTime();
        thread.start();
        try {
            while (thread.isAlive()) {
                thread.join(20);
                if (stopRequested && System.nanoTime() > stopDeadline) break; // stuck in code without stop checks
            }
        } finally {
            cellThread = null;
            executionNanos.addAndGet(System.nanoTime() - t0);
            if (cpu0 != null) {
                var used = concurrencylab.measure.CpuClock.now().minus(cpu0);
                executionCpuNanos.addAndGet(used.programNanos());
                compilerCpuNanos.addAndGet(used.compilerNanos());
            }
        }
        Throwable t = failure.get();
        if (stopRequested || (t instanceof InvocationTargetException ite && ite.getCause() instanceof ThreadDeath)) {
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

    /** A displayed expression's variable ({@link CellValue}) is read through this invocation's result only. */
    private static void clearDisplayedValue(Class<?> wrapper) throws IllegalAccessException {
        for (Field f : wrapper.getDeclaredFields()) {
            if (f.getName().startsWith(CellValue.VARIABLE) && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
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
    public void beginCell() throws Exception {
        ensureCancelClass();
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

    /** Wall time spent running cell code so far (compiling excluded), in nanoseconds. */
    public long executionNanos() {
        return executionNanos.get();
    }

    /**
     * Counts CPU time ({@link #executionCpuNanos()}, {@link #compilerCpuNanos()}) while cell code runs,
     * until the returned handle is closed; {@code %time} turns it on. Off otherwise: a reading costs a few
     * milliseconds (child processes are found by scanning every process), a tenth of a short cell.
     */
    public AutoCloseable countingCpu() {
        cpuClockUsers.incrementAndGet();
        return cpuClockUsers::decrementAndGet;
    }

    /** The JIT compiler's CPU time while cell code ran, in nanoseconds (not in {@link #executionCpuNanos()}). */
    public long compilerCpuNanos() {
        return compilerCpuNanos.get();
    }

    /** CPU time of the JVM's threads but the JIT compiler's, and of its child processes, while cell code ran. */
    public long executionCpuNanos() {
        return executionCpuNanos.get();
    }

    /** True while cell code runs. */
    public boolean isRunning() {
        return cellThread != null;
    }

    /** The thread group of the running (or last) cell: threads the cell started live in it. */
    public ThreadGroup cellGroup() {
        return cellGroup;
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
    public Map<String, Map<String, Object>> cellVariables(java.util.Set<String> only) {
        Map<String, Map<String, Object>> all = new java.util.HashMap<>();
        for (String name : only != null ? only : classBytes.keySet()) {
            if (!name.matches("REPL\\.\\$JShell\\$\\d+[A-Z]*") || !classBytes.containsKey(name)) continue; // 16B: redefined
            try {
                Map<String, Object> fields = new java.util.HashMap<>();
                for (var f : findClass(name).getDeclaredFields()) {
                    if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
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

    /** The bytecode of every class the cells defined, by binary name. */
    public Map<String, byte[]> classBytes() {
        return Map.copyOf(classBytes);
    }

    /**
     * Stops the running cell: raises the stop flag checked by cell code (busy loops end within
     * microseconds) and interrupts every thread the cell started (sleeps, waits, blocking queues).
     */
    @Override
    public void stop() {
        ThreadGroup group = cellGroup;
        if (cellActive) {
            stopDeadline = System.nanoTime() + STOP_GRACE_NANOS;
            stopRequested = true;
        }
        raiseStopFlag();
        if (group != null) interruptAll(group);
        if (!cellActive) {
            // Nothing runs: the interrupt is for threads that earlier cells left running (a spinning pool).
            for (var ref : earlierGroups) {
                ThreadGroup g = ref.get();
                if (g != null) interruptAll(g);
            }
        }
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

    private static void interruptAll(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        for (int i = 0; i < count; i++) threads[i].interrupt();
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
    public static final class Provider implements jdk.jshell.spi.ExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public String name() {
            return "concurrencylab";
        }

        @Override
        public ExecutionControl generate(jdk.jshell.spi.ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl();
            return control;
        }

        /** The control JShell created, once it has. */
        public CellExecutionControl control() {
            return control;
        }
    }
}
