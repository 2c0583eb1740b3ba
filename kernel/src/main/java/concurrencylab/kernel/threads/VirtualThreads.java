package concurrencylab.kernel.threads;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The live virtual threads as {@link Thread} objects, from the JDK's thread containers (the tree its
 * thread dump walks: the root, executors, structured scopes), without a dump. Their state and what they
 * park on ({@link LockSupport#getBlocker}) cost next to nothing to read, where a JSON thread dump of ten
 * thousand virtual threads costs 150-350 ms of CPU: the deadlock watch reads these first and dumps only
 * when a virtual thread of the notebook waits for something a thread holds. Needs the kernel's JVM flag
 * {@code --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED}; without it {@link #live()} is empty.
 *
 * <pre>{@code
 * VirtualThreads.live().ifPresent(all -> all.forEach(t -> System.out.println(t + " " + t.getState())));
 * }</pre>
 */
public final class VirtualThreads {
    /**
     * Above this many virtual threads the deadlock watch takes no dump: one would cost seconds of CPU
     * (some 20 µs a thread) and write a file of a gigabyte and more.
     */
    public static final int DUMP_LIMIT = 50_000;

    private static final MethodHandle ROOT, CHILDREN, THREADS;

    static {
        MethodHandle root = null, children = null, threads = null;
        try {
            Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            root = lookup.findStatic(containers, "root", MethodType.methodType(container));
            children = lookup.findVirtual(container, "children", MethodType.methodType(Stream.class));
            threads = lookup.findVirtual(container, "threads", MethodType.methodType(Stream.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            root = children = threads = null; // not exported to the kernel: the watch dumps instead
        }
        ROOT = root;
        CHILDREN = children;
        THREADS = threads;
    }

    private VirtualThreads() {}

    /** The live virtual threads, or empty when the JDK's containers are not open to the kernel. */
    public static Optional<List<Thread>> live() {
        if (ROOT == null) return Optional.empty();
        try {
            Set<Thread> found = new HashSet<>();
            Deque<Object> containers = new ArrayDeque<>();
            Set<Object> seen = new HashSet<>();
            containers.push(ROOT.invoke());
            while (!containers.isEmpty()) {
                Object c = containers.pop();
                if (!seen.add(c)) continue;
                try (Stream<?> threads = (Stream<?>) THREADS.invoke(c)) {
                    threads.forEach(t -> { if (t instanceof Thread thread && thread.isVirtual() && thread.isAlive()) found.add(thread); });
                }
                try (Stream<?> children = (Stream<?>) CHILDREN.invoke(c)) {
                    children.forEach(containers::push);
                }
            }
            return Optional.of(List.copyOf(found));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /**
     * True when {@code t} waits for something another thread holds: it is blocked entering
     * {@code synchronized}, or parked in {@code lock()} of a {@code java.util.concurrent} lock. A thread
     * that sleeps, waits on a queue, a latch, a condition or in {@code Object.wait()} waits for an event,
     * and no deadlock cycle goes through it.
     */
    public static boolean waitsForAHolder(Thread t) {
        return switch (t.getState()) {
            case BLOCKED -> true;
            case WAITING, TIMED_WAITING -> {
                Object blocker = LockSupport.getBlocker(t);
                yield blocker != null && LockRef.ownable(blocker.getClass().getName());
            }
            default -> false;
        };
    }
}
