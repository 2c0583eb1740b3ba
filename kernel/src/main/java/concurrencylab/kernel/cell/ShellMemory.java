package concurrencylab.kernel.cell;

import concurrencylab.kernel.exec.CellExecutionControl;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps what JShell remembers of a session to what a later cell, a worker JVM or a traceback can still
 * use. JShell keeps every snippet it was ever given, the kernel's dropped displayed values and
 * redefined declarations too, each with the source it compiled, which starts with an import of every
 * declaration before it: a session's memory grew with the square of its length (160 KB a cell by cell
 * 1,000). It also keeps each class's bytes twice more, and the diagnostics of a failed snippet, which
 * hold javac's whole tree of it. After each cell this
 * <ul>
 *   <li>forgets the snippets no later cell can use (a redefined declaration, a displayed value or a
 *       statement that ran, an error): out of JShell's maps, with their compiled source and diagnostics;</li>
 *   <li>forgets the classes no snippet uses any more (a redefined one's, a dropped one's) in JShell's
 *       class tracker and file manager, and, through {@link CellExecutionControl#forgetClasses}, in the
 *       kernel's own loader and class files; the class of a statement or value whose lambdas or nested
 *       classes may live on (a task added to a list) keeps its bytes, for worker JVMs;</li>
 *   <li>keeps of a live declaration's compiled source only its line count, which is all that stack
 *       traces need once it has compiled.</li>
 * </ul>
 * It reaches into JShell's internals, which the kernelspec opens to the kernel
 * ({@code --add-opens jdk.jshell/jdk.jshell}); on a JDK where they differ, it says so once in the
 * kernel's log and leaves JShell as it is.
 *
 * <pre>{@code
 * var memory = new ShellMemory(engine, tracebacks::forget, log::warn);
 * memory.attach(jshell);    // before the first cell
 * ...run a cell...
 * memory.afterCell();       // what the cell made dead is forgotten
 * }</pre>
 */
final class ShellMemory {
    private static final String REPL = "REPL.";

    private final CellExecutionControl.Provider engine;
    private final Consumer<String> forgetSnippetId;
    private final Consumer<String> log;
    /** Snippets that changed status since the last cell ended, in order. */
    private final Set<Snippet> touched = new LinkedHashSet<>();
    /** The wrapper class (simple name, {@code $JShell$12B}) of every live declaration, and how many use each. */
    private final Map<Snippet, String> classOf = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();
    private JShell js;
    private Internals internals;

    ShellMemory(CellExecutionControl.Provider engine, Consumer<String> forgetSnippetId, Consumer<String> log) {
        this.engine = engine;
        this.forgetSnippetId = forgetSnippetId;
        this.log = log;
    }

    /** Starts watching {@code shell}'s snippets (once, before its first cell). */
    void attach(JShell shell) {
        if (js != null) return;
        js = shell;
        try {
            internals = new Internals(shell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.accept("JShell's internals differ on this JDK (" + e + "): the kernel keeps every snippet, and its memory grows with each cell");
            return;
        }
        shell.onSnippetEvent(event -> {
            synchronized (touched) {
                touched.add(event.snippet());
            }
        });
    }

    /** Forgets what the cell just run made dead; call it on the thread that runs cells, after each cell. */
    void afterCell() {
        if (internals == null) return;
        List<Snippet> batch;
        synchronized (touched) {
            if (touched.isEmpty()) return;
            batch = new ArrayList<>(touched);
            touched.clear();
        }
        try {
            Map<String, Boolean> deadClasses = new LinkedHashMap<>(); // class -> whether its snippet was transient
            Map<String, List<String>> idsOf = new HashMap<>(); // class (or null) -> ids of snippets that are gone
            for (Snippet sn : batch) {
                Snippet.Status status = js.status(sn);
                boolean live = status.isActive() && sn.kind().isPersistent();
                String before = classOf.get(sn);
                String now = internals.className(sn);
                if (live) {
                    track(sn, now);
                    internals.slim(sn, status);
                } else {
                    track(sn, null);
                    // A displayed value (dropped) or a statement that ran: its lambdas may live on in a variable.
                    boolean transientSnippet = status == Snippet.Status.DROPPED || status == Snippet.Status.VALID;
                    if (now != null) deadClasses.merge(now, transientSnippet, Boolean::logicalAnd);
                    // Its id names no other snippet: forgotten with its class, below, unless the class stays.
                    if (internals.forget(sn)) idsOf.computeIfAbsent(now, k -> new ArrayList<>()).add(sn.id());
                }
                if (before != null && !before.equals(now)) deadClasses.merge(before, false, Boolean::logicalAnd);
            }
            for (var dead : deadClasses.entrySet()) {
                String cls = dead.getKey();
                if (users.containsKey(cls)) continue; // an overload still uses it
                String binary = REPL + cls;
                internals.forgetClass(binary);
                if (dead.getValue() && engine.control().canOutliveItsCell(binary)) {
                    internals.slimClassOuter(cls); // frames of its lambdas still name their cell lines
                    idsOf.remove(cls);
                } else {
                    internals.forgetClassOuter(cls);
                    engine.control().forgetClasses(List.of(binary));
                }
            }
            idsOf.values().forEach(ids -> ids.forEach(forgetSnippetId));
        } catch (ReflectiveOperationException | RuntimeException e) {
            internals = null;
            log.accept("the kernel stopped trimming JShell's memory: " + e);
        }
    }

    private void track(Snippet sn, String cls) {
        String old = cls == null ? classOf.remove(sn) : classOf.put(sn, cls);
        if (cls != null) users.merge(cls, 1, Integer::sum);
        if (old != null) users.computeIfPresent(old, (k, n) -> n == 1 ? null : n - 1);
    }

    /** The fields and constructors of JShell's package-private classes this needs, found once. */
    private static final class Internals {
        private final Set<Snippet> allSnippets;
        private final List<Snippet> keyIndexToSnippet;
        private final Map<String, Set<Integer>> dependencies;
        private final Map<String, ?> classOuters;
        private final Map<String, ?> trackedClasses;
        private final NavigableMap<String, ?> compiledClasses;
        private final Map<String, ?> varKeys;
        private final Field outer;
        private final Field diagnostics;
        private final Field outerWrap;
        private final Field compoundParts;
        private final Field wrapToSnippet;
        private final Method key;
        private final Method keyIndex;
        private final Method name;
        private final Method declareReferences;
        private final Method bodyReferences;
        private final Method outerClassName;
        private final Class<?> classWrapType;
        private final Constructor<?> compoundWrap;
        private final Constructor<?> classWrap;
        private final Constructor<?> diagList;

        @SuppressWarnings("unchecked")
        Internals(JShell js) throws ReflectiveOperationException {
            Object maps = field(JShell.class, "maps").get(js);
            allSnippets = (Set<Snippet>) field(maps.getClass(), "snippets").get(maps);
            keyIndexToSnippet = (List<Snippet>) field(maps.getClass(), "keyIndexToSnippet").get(maps);
            dependencies = (Map<String, Set<Integer>>) field(maps.getClass(), "dependencies").get(maps);
            Object outerMap = field(JShell.class, "outerMap").get(js);
            classOuters = (Map<String, ?>) field(outerMap.getClass(), "classOuters").get(outerMap);
            Object tracker = field(JShell.class, "classTracker").get(js);
            trackedClasses = (Map<String, ?>) field(tracker.getClass(), "map").get(tracker);
            Object taskFactory = field(JShell.class, "taskFactory").get(js);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            compiledClasses = (NavigableMap<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
            Object keyMap = field(JShell.class, "keyMap").get(js);
            varKeys = (Map<String, ?>) field(keyMap.getClass(), "varMap").get(keyMap);
            outer = field(Snippet.class, "outer");
            diagnostics = field(Snippet.class, "diagnostics");
            key = method(Snippet.class, "key");
            keyIndex = method(key.getReturnType(), "index");
            name = method(Snippet.class, "name");
            declareReferences = method(Snippet.class, "declareReferences");
            bodyReferences = method(Snippet.class, "bodyReferences");
            Class<?> outerWrapType = outer.getType();
            outerWrap = field(outerWrapType, "w");
            outerClassName = method(outerWrapType, "className");
            classWrapType = Class.forName("jdk.jshell.OuterSnippetsClassWrap");
            wrapToSnippet = field(classWrapType, "wrapToSnippet");
            Class<?> compoundType = Class.forName("jdk.jshell.Wrap$CompoundWrap");
            compoundParts = field(compoundType, "os");
            compoundWrap = compoundType.getDeclaredConstructor(Object[].class);
            compoundWrap.setAccessible(true);
            classWrap = classWrapType.getDeclaredConstructor(String.class, compoundType, List.class, List.class);
            classWrap.setAccessible(true);
            diagList = diagnostics.getType().getDeclaredConstructor();
            diagList.setAccessible(true);
        }

        /** The class a snippet's code was compiled into ({@code $JShell$12B}), null for an import or an error. */
        String className(Snippet sn) throws ReflectiveOperationException {
            Object w = outer.get(sn);
            return classWrapType.isInstance(w) ? (String) outerClassName.invoke(w) : null;
        }

        /**
         * Takes a dead snippet out of JShell's maps, with its compiled source and diagnostics; returns true
         * when its id now names no snippet (a kernel's displayed value), so tracebacks can forget it too.
         */
        boolean forget(Snippet sn) throws ReflectiveOperationException {
            allSnippets.remove(sn);
            outer.set(sn, null); // as JShell itself does for a rejected snippet
            diagnostics.set(sn, diagList.newInstance());
            Object k = key.invoke(sn);
            int index = (int) keyIndex.invoke(k);
            if (index >= keyIndexToSnippet.size() || keyIndexToSnippet.get(index) != sn) return false; // redefined: its key lives on
            keyIndexToSnippet.set(index, null);
            for (Method refs : List.of(declareReferences, bodyReferences)) {
                @SuppressWarnings("unchecked") Collection<String> names = (Collection<String>) refs.invoke(sn);
                if (names == null) continue;
                for (String n : names) {
                    Set<Integer> dependents = dependencies.get(n);
                    if (dependents != null && dependents.remove(index) && dependents.isEmpty()) dependencies.remove(n);
                }
            }
            if (sn.kind() == Snippet.Kind.VAR) varKeys.remove((String) name.invoke(sn), k);
            return true;
        }

        /** Forgets JShell's copies of a class and the classes nested in it (binary names): javac will not read them again. */
        void forgetClass(String binary) {
            trackedClasses.keySet().removeIf(n -> n.equals(binary) || n.startsWith(binary + "$"));
            compiledClasses.remove(binary);
            compiledClasses.subMap(binary + "$", true, binary + "$\uffff", true).clear();
        }

        /** Forgets how a class's lines map to its cell's: none of its code runs any more. */
        void forgetClassOuter(String cls) {
            classOuters.remove(cls);
        }

        /** Keeps how a dead snippet's class maps its lines (its lambdas may run later), without its source. */
        void slimClassOuter(String cls) throws ReflectiveOperationException {
            Object w = classOuters.get(cls);
            if (w != null) slimWrap(w);
        }

        /** A live declaration: its warnings and the source it was compiled from are no longer read. */
        void slim(Snippet sn, Snippet.Status status) throws ReflectiveOperationException {
            Object w = outer.get(sn);
            if (!classWrapType.isInstance(w)) return;
            List<?> diags = (List<?>) diagnostics.get(sn);
            if (diags != null && !diags.isEmpty()) {
                if (status != Snippet.Status.VALID) return; // an unresolved reference's diagnostics are still read
                diagnostics.set(sn, diagList.newInstance());
            }
            slimWrap(w);
        }

        /**
         * Replaces a class wrap's imports (an import of every declaration before it, about 40 bytes each) by
         * as many empty lines: stack traces map lines, and nothing maps positions once the snippet compiled.
         */
        private void slimWrap(Object w) throws ReflectiveOperationException {
            Object compound = outerWrap.get(w);
            Object[] parts = (Object[]) compoundParts.get(compound);
            if (parts.length == 0 || !(parts[0] instanceof String head)) return;
            int lines = (int) head.chars().filter(c -> c == '\n').count();
            int lastLine = head.lastIndexOf('\n', head.length() - 2) + 1;
            if (lastLine <= 0 || head.length() <= lines + (head.length() - lastLine) + 16) return; // already slim
            Object[] slimParts = parts.clone();
            // JShell counts lines from the first newline after index 0: the head must not start with one.
            slimParts[0] = "package REPL;" + "\n".repeat(lines - 1) + head.substring(lastLine);
            Object slimCompound = compoundWrap.newInstance((Object) slimParts);
            @SuppressWarnings("unchecked") Map<Object, Snippet> wraps = (Map<Object, Snippet>) wrapToSnippet.get(w);
            String cls = (String) outerClassName.invoke(w);
            Object slim = classWrap.newInstance(cls, slimCompound, new ArrayList<>(wraps.values()), new ArrayList<>(wraps.keySet()));
            for (Snippet s : wraps.values()) {
                if (outer.get(s) == w) outer.set(s, slim);
            }
            @SuppressWarnings("unchecked") Map<String, Object> outers = (Map<String, Object>) classOuters;
            outers.replace(cls, w, slim);
        }

        private static Field field(Class<?> c, String name) throws NoSuchFieldException {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }

        private static Method method(Class<?> c, String name) throws NoSuchMethodException {
            Method m = c.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        }
    }
}
