package concurrencylab.kernel.threads;

/**
 * What a thread waits for, as the JDK tells it: the kind of wait and the object. Only a
 * {@link Kind#MONITOR} or a {@link Kind#LOCK} has a holder, so only those can close a deadlock.
 *
 * <pre>{@code
 * new Waiting(Waiting.Kind.MONITOR, lock).describe("lockA");   // "to enter synchronized (lockA)"
 * }</pre>
 *
 * @param kind how it waits
 * @param lock what it waits on
 */
public record Waiting(Kind kind, LockRef lock) {

    /** The ways a thread waits for another. */
    public enum Kind {
        /** BLOCKED entering {@code synchronized}: the monitor's holder must leave it. */
        MONITOR,
        /** Parked in {@code lock()} of a {@code java.util.concurrent} lock: its holder must unlock it. */
        LOCK,
        /** In {@code Object.wait()}: for a {@code notify}. */
        NOTIFY,
        /** Parked on anything else (a condition, a queue, a latch, a future): for an event, not a holder. */
        EVENT;

        /** True when some thread holds what it waits for. */
        public boolean hasHolder() {
            return this == MONITOR || this == LOCK;
        }
    }

    /** {@code to enter synchronized (lockA)}, {@code to lock ReentrantLock@1f}, {@code in wait() on ...}, {@code for Condition@2a}. */
    public String describe(String lockName) {
        return switch (kind) {
            case MONITOR -> "to enter synchronized (" + lockName + ")";
            case LOCK -> "to lock " + lockName;
            case NOTIFY -> "in wait() on " + lockName;
            case EVENT -> "for " + lockName;
        };
    }
}
