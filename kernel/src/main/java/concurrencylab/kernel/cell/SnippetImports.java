package concurrencylab.kernel.cell;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a session's live declarations JShell imports into the snippet it compiles. JShell wraps each
 * snippet in a class that imports every live declaration, and javac reads the class of each one again
 * for every compile (JShell clears them from javac after each): with the 700 declarations of a day of
 * class alive, a cell took twice as long as early on, and a cell of three declarations three times. Java
 * code refers to a declaration of the session only by its name, so while JShell compiles a snippet this
 * hides, from the imports it writes, the declarations whose names are not in the snippet's text:
 * <ul>
 *   <li>for a displayed value or a statement, which the kernel runs as a declaration of a fresh name with
 *       an explicit type ({@link #naming}), every declaration it does not name;</li>
 *   <li>for a snippet as written ({@link #declaring}), the variables and methods that neither it nor any
 *       snippet its declarations make JShell recompile names (a redefinition recompiles the snippets that
 *       use it, and theirs in turn); and the types too unless JShell infers a type and writes it by its
 *       simple name (a {@code var}, an expression).</li>
 * </ul>
 * Imports, and declarations that are not valid (JShell may recompile them, or look them up when one
 * throws), are always imported; an import runs with everything, as in JShell. javac also lists every class
 * file of the session for each compile, so while a snippet compiles, JShell's file manager holds only the
 * class files of the declarations it imports and of the session's classes they refer to, in turn.
 *
 * <p>It reaches into JShell's internals ({@code --add-opens jdk.jshell/jdk.jshell}, as {@link ShellMemory}
 * does); on a JDK where they differ, it says so once in the log and imports everything, as JShell does.
 *
 * <pre>{@code
 * var imports = SnippetImports.narrowing(log::warn);
 * String value = "Object $$value7 = (list.size() + 1);";
 * List<SnippetEvent> events = imports.naming(jshell, value, () -> jshell.eval(value));   // imports list only
 * }</pre>
 */
final class SnippetImports {
    /** A name in Java source; unicode escapes are undone first. */
    private static final Pattern NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");
    private static final Pattern VAR_TYPE = Pattern.compile("\\bvar\\b");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+([0-9a-fA-F]{4})");

    private static final Set<Snippet.Kind> DECLARATIONS = EnumSet.of(Snippet.Kind.VAR, Snippet.Kind.METHOD, Snippet.Kind.TYPE_DECL);
    private static final Set<Snippet.Kind> VARIABLES_AND_METHODS = EnumSet.of(Snippet.Kind.VAR, Snippet.Kind.METHOD);

    private final Consumer<String> log;
    private final boolean narrow;
    private JShell js;
    /** JShell's snippets by key index: what it walks to write a wrapper's imports. */
    private List<Snippet> byKeyIndex;
    /** JShell's dependencies: for a name, the key indices of the snippets that refer to it. */
    private Map<String, Set<Integer>> dependents;
    /** The session's class files that javac lists. */
    private ClassFiles classFiles;

    private SnippetImports(Consumer<String> log, boolean narrow) {
        this.log = log;
        this.narrow = narrow;
    }

    /** Imports into each snippet what it needs; {@code log} hears, once, if this JDK's JShell cannot be narrowed. */
    static SnippetImports narrowing(Consumer<String> log) {
        return new SnippetImports(log, true);
    }

    /** Imports every live declaration into every snippet, as JShell does. */
    static SnippetImports everything() {
        return new SnippetImports(line -> { }, false);
    }

    /**
     * Runs {@code eval}, in which JShell compiles a declaration of a fresh name that no snippet uses, whose
     * text is {@code text}, with only the declarations it names imported; the session is as before after it.
     */
    <T> T naming(JShell shell, String text, Supplier<T> eval) {
        if (!attach(shell)) return eval.get();
        return hidingAllBut(names(text), DECLARATIONS, eval);
    }

    /**
     * Runs {@code eval}, in which JShell runs the snippet {@code text} as written, with the variables and
     * methods imported that it names or that a snippet it makes JShell recompile names (a redefinition
     * recompiles the snippets that use it, and theirs in turn); types too, unless JShell writes a type it
     * inferred (a {@code var}'s, an expression's) by its simple name. An import runs with everything imported.
     */
    <T> T declaring(JShell shell, String text, Supplier<T> eval) {
        if (!attach(shell)) return eval.get();
        Set<String> visible = names(text);
        // JShell writes the type it infers for a var, or for an expression's value, by its simple name.
        boolean typesNamed = !visible.contains("var");
        // What it declares, from JShell's parse; with a var's type written out, JShell only parses it.
        String parseable = typesNamed ? text : VAR_TYPE.matcher(text).replaceFirst("Object");
        List<Snippet> parsed = shell.sourceCodeAnalysis().sourceToSnippets(parseable);
        Deque<String> declared = new ArrayDeque<>();
        if (!typesNamed) declared.add("var"); // a variable may be named var
        for (Snippet s : parsed) {
            switch (s) {
                case DeclarationSnippet d -> declared.add(d.name());
                case ImportSnippet i -> { return eval.get(); } // a star import recompiles everything
                default -> typesNamed = false;
            }
        }
        Set<Integer> seen = new HashSet<>();
        while (!declared.isEmpty()) {
            Set<Integer> users = dependents.get(declared.pop());
            if (users == null) continue;
            for (int ki : users) {
                Snippet user = ki < byKeyIndex.size() ? byKeyIndex.get(ki) : null;
                if (user == null || !seen.add(ki)) continue;
                Set<String> its = names(user.source());
                visible.addAll(its);
                typesNamed &= !its.contains("var");
                if (user instanceof DeclarationSnippet d) declared.add(d.name());
            }
        }
        return hidingAllBut(visible, typesNamed ? DECLARATIONS : VARIABLES_AND_METHODS, eval);
    }

    /**
     * Runs {@code eval} with the valid declarations of the given kinds whose names are not {@code visible}
     * left out of JShell's imports. A snippet that is not valid stays: it may be recompiled, and JShell
     * looks up by its key a snippet that throws for an unresolved reference.
     */
    private <T> T hidingAllBut(Set<String> visible, Set<Snippet.Kind> kinds, Supplier<T> eval) {
        List<Snippet> snippets = byKeyIndex;
        List<Integer> hidden = new ArrayList<>();
        List<Snippet> hiddenSnippets = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            if (s instanceof DeclarationSnippet d && kinds.contains(d.kind()) && !visible.contains(d.name())
                    && js.status(d) == Snippet.Status.VALID) {
                snippets.set(i, null); // skipped when JShell writes the imports
                hidden.add(i);
                hiddenSnippets.add(s);
            }
        }
        Map<String, JavaFileObject> unlisted = Map.of();
        try {
            unlisted = unlistAllBut(snippets);
            return eval.get();
        } finally {
            if (!unlisted.isEmpty()) classFiles.listAgain(unlisted);
            for (int k = 0; k < hidden.size(); k++) {
                int i = hidden.get(k);
                if (snippets.get(i) == null) snippets.set(i, hiddenSnippets.get(k));
            }
        }
    }

    private Map<String, JavaFileObject> unlistAllBut(List<Snippet> importable) {
        if (classFiles == null) return Map.of();
        try {
            return classFiles.unlistAllBut(importable);
        } catch (RuntimeException e) {
            classFiles = null;
            log.accept("JShell's class files could not be narrowed (" + e + "): javac lists them all for each compile");
            return Map.of();
        }
    }

    /** The binary names of the session's class files javac would list now (for tests). */
    Set<String> listedClassFiles() {
        return classFiles == null ? Set.of() : Set.copyOf(classFiles.compiled.keySet());
    }

    /** Every name the text could refer to (words in comments and strings too: one more import is harmless). */
    static Set<String> names(String text) {
        String unescaped = text.indexOf("\\u") < 0 ? text
                : UNICODE_ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(unescaped);
        while (m.find()) names.add(m.group());
        return names;
    }

    @SuppressWarnings("unchecked")
    private boolean attach(JShell shell) {
        if (!narrow) return false;
        if (shell != js) {
            js = shell;
            byKeyIndex = null;
            try {
                Object maps = field(JShell.class, "maps").get(shell);
                dependents = (Map<String, Set<Integer>>) field(maps.getClass(), "dependencies").get(maps);
                byKeyIndex = (List<Snippet>) field(maps.getClass(), "keyIndexToSnippet").get(maps);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.accept("JShell's internals differ on this JDK (" + e + "): every cell imports every live declaration, and cells slow down as they add up");
                return false;
            }
            try {
                classFiles = new ClassFiles(shell);
            } catch (ReflectiveOperationException | RuntimeException e) {
                classFiles = null;
                log.accept("JShell's class files could not be narrowed on this JDK (" + e + "): javac lists them all for each compile");
            }
        }
        return byKeyIndex != null;
    }

    /**
     * The class files of the session that javac lists for each compile, about 2 µs each: while a snippet
     * compiles, only those of the declarations it imports and of the classes they refer to, in turn.
     */
    private static final class ClassFiles {
        /** A class of the session named in a class file: its wrapper's binary name is REPL. and the match. */
        private static final Pattern REFERENCE = Pattern.compile("REPL/(\\$JShell\\$\\w+)");
        /** JShell's file manager's compiled classes, by binary name ({@code REPL.$JShell$12}, {@code REPL.$JShell$12$Point}). */
        private final NavigableMap<String, JavaFileObject> compiled;
        private final Field outer;
        private final Class<?> classWrap;
        private final Method className;
        /** The wrappers each class file refers to, read once per class (a class's bytes never change). */
        private final Map<String, Set<String>> refersTo = new HashMap<>();

        @SuppressWarnings("unchecked")
        ClassFiles(JShell shell) throws ReflectiveOperationException {
            Object taskFactory = field(JShell.class, "taskFactory").get(shell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            compiled = (NavigableMap<String, JavaFileObject>) field(fileManager.getClass(), "classObjects").get(fileManager);
            outer = field(Snippet.class, "outer");
            classWrap = Class.forName("jdk.jshell.OuterSnippetsClassWrap");
            className = outer.getType().getDeclaredMethod("className");
            className.setAccessible(true);
        }

        /**
         * Takes out of the listing every class file that the wrappers of {@code importable} (JShell's snippets
         * by key index, with the hidden ones null) do not need; returns them, for {@link #listAgain}.
         */
        Map<String, JavaFileObject> unlistAllBut(List<Snippet> importable) {
            Set<String> needed = new HashSet<>();
            Deque<String> wrappers = new ArrayDeque<>();
            for (Snippet s : importable) {
                String wrapper = s == null ? null : wrapperOf(s);
                if (wrapper != null && needed.add(wrapper)) wrappers.add(wrapper);
            }
            Set<String> listed = new HashSet<>();
            while (!wrappers.isEmpty()) {
                String wrapper = wrappers.pop();
                // The wrapper and the classes nested in it ($JShell$12$Point, $JShell$12$1).
                for (var file : compiled.subMap(wrapper, true, wrapper + "$\uffff", true).entrySet()) {
                    if (!file.getKey().equals(wrapper) && !file.getKey().startsWith(wrapper + "$")) continue;
                    listed.add(file.getKey());
                    for (String other : refersTo.computeIfAbsent(file.getKey(), k -> wrappersNamedIn(file.getValue()))) {
                        if (needed.add(other)) wrappers.add(other);
                    }
                }
            }
            if (refersTo.size() > 2 * compiled.size() + 64) refersTo.keySet().retainAll(compiled.keySet());
            if (listed.size() == compiled.size()) return Map.of();
            Map<String, JavaFileObject> unlisted = new HashMap<>();
            compiled.entrySet().removeIf(file -> {
                if (listed.contains(file.getKey())) return false;
                unlisted.put(file.getKey(), file.getValue());
                return true;
            });
            return unlisted;
        }

        /** Lists again what {@link #unlistAllBut} took out (a class JShell wrote since, of the same name, stays). */
        void listAgain(Map<String, JavaFileObject> unlisted) {
            unlisted.forEach(compiled::putIfAbsent);
        }

        /** The binary name of the class a snippet was compiled into, null for one without (an import). */
        private String wrapperOf(Snippet s) {
            try {
                Object wrap = outer.get(s);
                if (!classWrap.isInstance(wrap)) return null;
                return "REPL." + className.invoke(wrap);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The wrappers of the session a class file names (its constant pool's names are plain text). */
        private static Set<String> wrappersNamedIn(JavaFileObject file) {
            Set<String> named = new HashSet<>();
            try (var in = file.openInputStream()) {
                Matcher m = REFERENCE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                while (m.find()) named.add("REPL." + m.group(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return named;
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
