package concurrencylab.kernel.threads;

import java.lang.reflect.Array;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Names locks after the cells' variables that hold them: {@code lockA}, {@code forks[2]}, rather than
 * {@code Object@1b2c3d}. A monitor is found by its identity. A {@code ReentrantLock} is seen by threads
 * as its internal {@code Sync}, which no public method returns; it is found through a thread that
 * waits for it ({@link ReentrantLock#hasQueuedThread}).
 *
 * <pre>{@code
 * var names = LockNames.of(notebook.variables(), waiters);
 * names.name(lock);   // "lockA", or "Object@1b2c3d" when no variable holds it
 * }</pre>
 */
final class LockNames {
    /** Elements of an array or list looked at for locks, at most: a variable may hold a big collection. */
    private static final int ELEMENTS = 64;

    private final Map<LockRef, String> names;

    private LockNames(Map<LockRef, String> names) {
        this.names = names;
    }

    /** No names: every lock as the JDK names it. */
    static LockNames none() {
        return new LockNames(Map.of());
    }

    /**
     * Names for the locks among {@code variables} (and their elements, for arrays and lists); the
     * {@code ReentrantLock}s among them through the threads of {@code waiting} that wait for one.
     */
    static LockNames of(Map<String, Object> variables, Map<Thread, LockRef> waiting) {
        Map<LockRef, String> names = new HashMap<>();
        variables.forEach((name, value) -> {
            if (value == null) return;
            if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
                int n = Math.min(Array.getLength(value), ELEMENTS);
                for (int i = 0; i < n; i++) add(names, name + "[" + i + "]", Array.get(value, i), waiting);
            } else if (value instanceof List<?> list && list.size() <= ELEMENTS && !isLock(value)) {
                for (int i = 0; i < list.size(); i++) add(names, name + ".get(" + i + ")", list.get(i), waiting);
            } else {
                add(names, name, value, waiting);
            }
        });
        return new LockNames(names);
    }

    private static boolean isLock(Object value) {
        return value instanceof ReentrantLock || value instanceof ReentrantReadWriteLock;
    }

    private static void add(Map<LockRef, String> names, String name, Object value, Map<Thread, LockRef> waiting) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return;
        names.putIfAbsent(LockRef.of(value), name);
        waiting.forEach((thread, lock) -> {
            if ((value instanceof ReentrantLock rl && rl.hasQueuedThread(thread))
                    || (value instanceof ReentrantReadWriteLock rw && rw.hasQueuedThread(thread))) {
                names.putIfAbsent(lock, name);
            }
        });
    }

    /** {@code lockA} when a variable holds it, else as the JDK names it ({@code Object@1b2c3d}, {@code ReentrantLock@5e6f}). */
    String name(LockRef lock) {
        String name = names.get(lock);
        return name != null ? name : lock.displayName();
    }

    /** {@code lockA (Object@1b2c3d)}: the variable and the lock, or the lock alone. */
    String fullName(LockRef lock) {
        String name = names.get(lock);
        return name != null ? name + " (" + lock.displayName() + ")" : lock.displayName();
    }
}
