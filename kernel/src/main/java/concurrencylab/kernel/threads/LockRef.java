package concurrencylab.kernel.threads;

import java.lang.management.LockInfo;

/**
 * An object a thread waits for or holds, named as the JDK's thread dumps name it: its class and its
 * identity hash ({@code java.lang.Object@1b2c3d}). Two references to the same lock compare equal,
 * whichever of the JDK's views (a {@link java.lang.management.ThreadInfo}, the JSON thread dump) they
 * came from. A {@code ReentrantLock} appears as its internal {@code Sync}, which is what threads park on.
 *
 * <pre>{@code
 * LockRef lock = LockRef.parse("java.util.concurrent.locks.ReentrantLock$NonfairSync@3646a422");
 * lock.displayName();   // "ReentrantLock@3646a422"
 * lock.ownable();       // true: one thread holds it at a time, and the JDK can say which
 * }</pre>
 *
 * @param className    the binary name of the object's class
 * @param identityHash its {@link System#identityHashCode}
 */
public record LockRef(String className, int identityHash) {

    /** Parses the identity string the JSON thread dump writes ({@code Objects.toIdentityString}). */
    public static LockRef parse(String identity) {
        int at = identity.lastIndexOf('@');
        if (at < 0) throw new IllegalArgumentException("not an identity string (class@hash): " + identity);
        return new LockRef(identity.substring(0, at), Integer.parseUnsignedInt(identity.substring(at + 1), 16));
    }

    /** The lock a {@link LockInfo} names; null for null. */
    public static LockRef of(LockInfo info) {
        return info == null ? null : new LockRef(info.getClassName(), info.getIdentityHashCode());
    }

    /** The lock that {@code object} is. */
    public static LockRef of(Object object) {
        return new LockRef(object.getClass().getName(), System.identityHashCode(object));
    }

    /** As the JDK writes it: {@code java.lang.Object@1b2c3d}. */
    public String id() {
        return className + "@" + Integer.toHexString(identityHash);
    }

    /**
     * How a reader names it: the simple class name and the hash ({@code Object@1b2c3d}); a
     * {@code java.util.concurrent} lock by its public class ({@code ReentrantLock@...}, not its
     * {@code NonfairSync}), a class defined in a cell by its own name.
     */
    public String displayName() {
        return publicClass() + "@" + Integer.toHexString(identityHash);
    }

    /** The class a reader knows: ReentrantLock for its Sync, Condition for a ConditionObject, Account for a cell's REPL.$JShell$12$Account. */
    String publicClass() {
        String name = className.replaceFirst("^REPL\\.\\$JShell\\$\\w+?\\$(?=[^$])", "");
        if (name.endsWith("$ConditionObject")) return "Condition";
        name = name.replaceFirst("\\$(?:NonfairSync|FairSync|Sync)$", "");
        int dot = name.lastIndexOf('.');
        return name.substring(dot + 1);
    }

    /**
     * For an object a thread parks on: true for a lock one thread holds at a time, whose holder the JDK
     * can name (a {@code ReentrantLock}, either lock of a {@code ReentrantReadWriteLock}, a pool worker's
     * lock). A {@code Condition}, a {@code CountDownLatch}, a {@code Semaphore}, a queue or a future is
     * not: what a thread waits for there is an event, not a holder.
     */
    public boolean ownable() {
        return ownable(className);
    }

    /** {@link #ownable()} for an object of the class with this binary name. */
    static boolean ownable(String className) {
        return className.startsWith("java.util.concurrent.locks.ReentrantLock$")
                || className.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")
                || className.equals("java.util.concurrent.ThreadPoolExecutor$Worker");
    }
}
