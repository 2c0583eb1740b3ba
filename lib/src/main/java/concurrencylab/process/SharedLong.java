package concurrencylab.process;

import concurrencylab.internal.PrivateDir;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code long} in shared memory that several JVMs read and write: Python's
 * {@code multiprocessing.Value('q', 0)} with its lock. It is a small file in this JVM's owner-only
 * directory under {@code /dev/shm}, mapped into each process with the FFM API; sending the object to a
 * child JVM (capture it in a {@link RemoteTask}) maps the same memory there.
 *
 * <pre>{@code
 * try (var counter = SharedLong.create(0)) {
 *     counter.set(counter.get() + 1);          // a read, then a write: other processes' updates get lost
 *     counter.getAndAdd(1);                    // atomic: none get lost
 *     try (var held = counter.lock()) {        // a lock that works across processes
 *         counter.set(counter.get() + 1);
 *     }
 * }
 * }</pre>
 *
 * <p>The lock is a word in the same memory: compare-and-set of the holder's process and thread id,
 * spinning briefly, then parking. A holder that dies (killed mid-section) is detected and its lock
 * taken over, so a crashed child cannot block the others for ever. It is not reentrant.
 */
public final class SharedLong implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long VALUE = 0, LOCK = 64, SIZE = 128; // value and lock word on separate cache lines
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final String path;
    private final transient boolean owner;
    private final transient Arena arena;
    private final transient MemorySegment memory;

    private SharedLong(Path path, boolean create) {
        this.path = path.toString();
        this.owner = create;
        this.arena = Arena.ofShared();
        try (var channel = create
                ? FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (create) channel.truncate(SIZE).write(ByteBuffer.allocate((int) SIZE), 0); // size and zero it
            this.memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new IllegalStateException("the shared value " + path + " is gone: the process that created it closed it or exited");
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("cannot map the shared value " + path + ": " + e.getMessage(), e);
        }
    }

    /** A new shared value holding {@code initial}, owned by this JVM: its {@link #close()} removes it. */
    public static SharedLong create(long initial) {
        var shared = new SharedLong(PrivateDir.newPath("value", ".shm"), true);
        shared.set(initial);
        return shared;
    }

    /**
     * The value, read with volatile semantics, as {@link java.util.concurrent.atomic.AtomicLong#get()}:
     * a loop waiting for another process's write sees it, and the JIT cannot keep the value in a register.
     */
    public long get() {
        return (long) LONG.getVolatile(memory, VALUE);
    }

    /**
     * Sets the value with volatile semantics, as {@link java.util.concurrent.atomic.AtomicLong#set(long)}.
     * Each access is atomic and visible, but {@code set(get() + 1)} is two of them: from several processes
     * it loses updates (the shared-memory notebook measures how many).
     */
    public void set(long value) {
        LONG.setVolatile(memory, VALUE, value);
    }

    /** Adds {@code delta} atomically (one {@code lock xadd} on x86) and returns the value before. */
    public long getAndAdd(long delta) {
        return (long) LONG.getAndAdd(memory, VALUE, delta);
    }

    /** Sets the value to {@code update} if it is {@code expected}, atomically; true when it did. */
    public boolean compareAndSet(long expected, long update) {
        return LONG.compareAndSet(memory, VALUE, expected, update);
    }

    /**
     * Takes the cross-process lock, waiting while another thread of any process holds it; release it by
     * closing what this returns (try-with-resources).
     *
     * @throws IllegalStateException when this thread already holds it, or is interrupted while waiting
     */
    public Held lock() {
        long me = holderId();
        long spins = 0;
        while (true) {
            long holder = (long) LONG.getVolatile(memory, LOCK);
            if (holder == 0 && LONG.compareAndSet(memory, LOCK, 0L, me)) return new Held(me);
            if (holder == me) throw new IllegalStateException("this thread already holds the lock of " + path + "; it is not reentrant");
            spins++;
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("interrupted while waiting for the lock of " + path);
                if (spins % 1024 == 0 && holder != 0 && ProcessHandle.of(holder >>> 32).isEmpty()) {
                    LONG.compareAndSet(memory, LOCK, holder, 0L); // its process died holding it
                }
                if (spins < 200) Thread.yield();
                else LockSupport.parkNanos(20_000);
            }
        }
    }

    /** The lock, held; {@link #close()} releases it. */
    public final class Held implements AutoCloseable {
        private final long me;
        private boolean released;

        private Held(long me) {
            this.me = me;
        }

        @Override
        public void close() {
            if (released) return;
            released = true;
            if (!LONG.compareAndSet(memory, LOCK, me, 0L)) {
                throw new IllegalStateException("the lock of " + path + " was not held by this thread any more");
            }
        }
    }

    /** Process id in the high half, thread id in the low half: unique across the processes sharing the value. */
    private static long holderId() {
        return (ProcessHandle.current().pid() << 32) | (Thread.currentThread().threadId() & 0xffff_ffffL);
    }

    /** Unmaps the value here; in the JVM that created it, also removes its file. */
    @Override
    public void close() {
        if (!memory.scope().isAlive()) return;
        arena.close();
        if (owner) PrivateDir.deleteQuietly(Path.of(path));
    }

    @Override
    public String toString() {
        return memory.scope().isAlive() ? "SharedLong[" + get() + "]" : "SharedLong[closed]";
    }

    /** Travels as its file's path; the receiving JVM maps the same memory. */
    @Serial
    private Object writeReplace() {
        return new Ref(path);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a SharedLong travels as its path");
    }

    private record Ref(String path) implements Serializable {
        @Serial
        private Object readResolve() {
            return new SharedLong(Path.of(path), false);
        }
    }
}
