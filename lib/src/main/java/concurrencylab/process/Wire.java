package concurrencylab.process;

import concurrencylab.spi.ClassSource;
import concurrencylab.spi.KernelServices;
import concurrencylab.workload.Workload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The pool's wire format over a worker's stdin and stdout: tagged binary frames. Task indices, times
 * and the common result types (null, int, long, String) travel as plain numbers and text, a batch of
 * them in one frame; only the workload (once per run) and unusual results or errors use Java
 * serialization, which costs microseconds per object and would dominate small tasks.
 */
final class Wire {
    private Wire() {}

    static final byte READY = 'R', CLASSES = 'C', VARIABLES = 'V', USE = 'U', BATCH = 'B', DONE = 'D', STOP = 'S';
    /** A variable bigger than this, serialized, is not sent to workers. */
    static final int MAX_VARIABLE_BYTES = 16 << 20;
    private static final byte NULL = 0, INT = 1, LONG = 2, STRING = 3, OBJECT = 4, ERROR = 5;

    static long epochNanos() {
        var now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static byte[] serialize(Object o) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** Classes from the class path, else the cells' classes: the kernel's {@link ClassSource}, or those shipped to this child JVM. */
    static Object deserialize(byte[] bytes) throws IOException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return super.resolveClass(desc);
                } catch (ClassNotFoundException e) {
                    ClassSource source = KernelServices.classSource(); // in the kernel
                    if (source != null) return source.load(desc.getName());
                    ShippedClasses shipped = ShippedClasses.inThisJvm(); // in a child JVM
                    if (shipped != null) return Class.forName(desc.getName(), false, shipped);
                    throw e;
                }
            }
        }) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot load " + e.getMessage() + " here", e);
        }
    }

    static void writeClasses(DataOutputStream out, java.util.Map<String, byte[]> classes) throws IOException {
        out.writeByte(CLASSES);
        out.writeInt(classes.size());
        for (var c : classes.entrySet()) {
            out.writeUTF(c.getKey());
            out.writeInt(c.getValue().length);
            out.write(c.getValue());
        }
    }

    /** The notebook's variables that can travel: class name, field name, serialized value. */
    static void writeVariables(DataOutputStream out, java.util.Map<String, java.util.Map<String, Object>> variables) throws IOException {
        var frames = new java.util.ArrayList<Object[]>();
        for (var c : variables.entrySet()) {
            for (var f : c.getValue().entrySet()) {
                try {
                    byte[] value = serialize(f.getValue());
                    if (value.length <= MAX_VARIABLE_BYTES) frames.add(new Object[]{c.getKey(), f.getKey(), value});
                } catch (IOException notSerializable) {
                    // a pool, a stream...: workers see it unset
                }
            }
        }
        out.writeByte(VARIABLES);
        out.writeInt(frames.size());
        for (Object[] f : frames) {
            out.writeUTF((String) f[0]);
            out.writeUTF((String) f[1]);
            byte[] value = (byte[]) f[2];
            out.writeInt(value.length);
            out.write(value);
        }
    }

    /** Sets the variables in the worker's copies of the cells' classes. */
    static void readVariables(DataInputStream in, ShippedClasses classes) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String className = in.readUTF();
            String field = in.readUTF();
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            try {
                var f = Class.forName(className, true, classes).getDeclaredField(field);
                f.setAccessible(true);
                f.set(null, classes.read(value));
            } catch (ReflectiveOperationException | IOException | RuntimeException e) {
                // a final or vanished variable: workers see what the class itself sets
            }
        }
    }

    static void readClasses(DataInputStream in, ShippedClasses into) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            into.add(name, bytes);
        }
    }

    /** The workload the next batches run, already serialized. */
    static void writeUse(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeByte(USE);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static Workload readWorkload(DataInputStream in, ShippedClasses classes) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return (Workload) classes.read(bytes);
    }

    static void writeBatch(DataOutputStream out, int[] indices) throws IOException {
        var frame = ByteBuffer.allocate(5 + 4 * indices.length);
        frame.put(BATCH).putInt(indices.length).asIntBuffer().put(indices);
        out.write(frame.array());
    }

    static int[] readBatch(DataInputStream in) throws IOException {
        int[] indices = new int[in.readInt()];
        byte[] bytes = new byte[4 * indices.length];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asIntBuffer().get(indices);
        return indices;
    }

    /**
     * A batch's outcomes, encoded in memory and sent as one frame: a stream call per field cost more
     * than the task itself (a lock and a copy each), for every task of a batch.
     *
     * <pre>{@code
     * var outcomes = new Wire.Outcomes();
     * outcomes.add(index, start, end, result, null);   // per task
     * outcomes.writeTo(out);                           // DONE, count, length, the outcomes
     * }</pre>
     */
    static final class Outcomes {
        private ByteBuffer frame = ByteBuffer.allocate(1 << 12);
        private int count;

        /** One task's outcome: index, start and end in epoch nanoseconds, and its result or error. */
        void add(int index, long start, long end, Object result, Throwable error) throws IOException {
            frame = room(frame, 20).putInt(index).putLong(start).putLong(end);
            count++;
            if (error != null) {
                frame = putBytes(frame, ERROR, serializeError(error));
                return;
            }
            try {
                frame = putValue(frame, result);
            } catch (NotSerializableException e) {
                frame = putBytes(frame, ERROR, serializeError(new NotSerializableException("task " + index + " returned a "
                        + result.getClass().getName() + ", which cannot be sent back to the notebook")));
            }
        }

        /** Writes the frame and starts an empty one. */
        void writeTo(DataOutputStream out) throws IOException {
            out.writeByte(DONE);
            out.writeInt(count);
            out.writeInt(frame.position());
            out.write(frame.array(), 0, frame.position());
            frame.clear();
            count = 0;
        }
    }

    record Done(int index, long start, long end, Object result, Throwable error) {}

    /** The outcomes of one batch, after its DONE tag. */
    static Done[] readOutcomes(DataInputStream in) throws IOException {
        Done[] done = new Done[in.readInt()];
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        var frame = ByteBuffer.wrap(bytes);
        for (int i = 0; i < done.length; i++) {
            int index = frame.getInt();
            long start = frame.getLong();
            long end = frame.getLong();
            if (frame.get(frame.position()) == ERROR) {
                frame.get();
                done[i] = new Done(index, start, end, null, (Throwable) deserialize(bytes(frame)));
            } else {
                done[i] = new Done(index, start, end, getValue(frame), null);
            }
        }
        return done;
    }

    /**
     * One message for a queue or a pipe: a kind byte, then the value. Integers, longs and strings
     * skip Java serialization, which costs more than the trip between processes.
     *
     * @throws NotSerializableException when the value is none of those and not serializable
     */
    static byte[] encode(Object value) throws IOException {
        ByteBuffer frame = putValue(ByteBuffer.allocate(16), value);
        return java.util.Arrays.copyOf(frame.array(), frame.position());
    }

    /** The value of a message made by {@link #encode}. */
    static Object decode(byte[] message) throws IOException {
        return getValue(ByteBuffer.wrap(message));
    }

    /**
     * Appends {@code value} as a kind byte and its bytes, to {@code frame} or, when it is full, to a
     * bigger copy; returns the buffer written to. Strings travel as their UTF-16 chars, exactly.
     */
    private static ByteBuffer putValue(ByteBuffer frame, Object value) throws IOException {
        if (value == null) return room(frame, 1).put(NULL);
        if (value instanceof Integer i) return room(frame, 5).put(INT).putInt(i);
        if (value instanceof Long l) return room(frame, 9).put(LONG).putLong(l);
        if (value instanceof String s) {
            frame = room(frame, 5 + 2 * s.length()).put(STRING).putInt(s.length());
            frame.asCharBuffer().put(s);
            return frame.position(frame.position() + 2 * s.length());
        }
        return putBytes(frame, OBJECT, serialize(value));
    }

    private static Object getValue(ByteBuffer frame) throws IOException {
        byte kind = frame.get();
        return switch (kind) {
            case NULL -> null;
            case INT -> frame.getInt();
            case LONG -> frame.getLong();
            case STRING -> {
                char[] chars = new char[frame.getInt()];
                frame.asCharBuffer().get(chars);
                frame.position(frame.position() + 2 * chars.length);
                yield new String(chars);
            }
            case OBJECT -> deserialize(bytes(frame));
            default -> throw new IOException("unknown value kind " + kind);
        };
    }

    private static ByteBuffer putBytes(ByteBuffer frame, byte kind, byte[] bytes) {
        return room(frame, 5 + bytes.length).put(kind).putInt(bytes.length).put(bytes);
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.getInt()];
        frame.get(bytes);
        return bytes;
    }

    /** {@code frame}, or a bigger copy of it, with room for {@code bytes} more. */
    private static ByteBuffer room(ByteBuffer frame, int bytes) {
        if (frame.remaining() >= bytes) return frame;
        return ByteBuffer.allocate(Math.max(2 * frame.capacity(), frame.position() + bytes)).put(frame.flip());
    }

    private static byte[] serializeError(Throwable error) throws IOException {
        try {
            return serialize(error);
        } catch (IOException e) { // an exception holding something unserializable: send what it says
            var plain = new RuntimeException(error.getClass().getName() + ": " + error.getMessage());
            plain.setStackTrace(error.getStackTrace());
            return serialize(plain);
        }
    }
}
