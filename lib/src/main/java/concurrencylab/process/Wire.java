package concurrencylab.process;

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
import java.nio.charset.StandardCharsets;

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
                    ClassSource source = ClassSource.current(); // in the kernel
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
            room(32);
            frame.putInt(index).putLong(start).putLong(end);
            count++;
            if (error != null) {
                putBytes(ERROR, serializeError(error));
            } else if (result == null) {
                frame.put(NULL);
            } else if (result instanceof Integer i) {
                frame.put(INT).putInt(i);
            } else if (result instanceof Long l) {
                frame.put(LONG).putLong(l);
            } else if (result instanceof String s) {
                putBytes(STRING, s.getBytes(StandardCharsets.UTF_8));
            } else if (result instanceof Serializable) {
                putBytes(OBJECT, serialize(result));
            } else {
                putBytes(ERROR, serializeError(new NotSerializableException("task " + index + " returned a "
                        + result.getClass().getName() + ", which cannot be sent back to the notebook")));
            }
        }

        private void putBytes(byte kind, byte[] bytes) {
            room(5 + bytes.length);
            frame.put(kind).putInt(bytes.length).put(bytes);
        }

        private void room(int bytes) {
            if (frame.remaining() >= bytes) return;
            var bigger = ByteBuffer.allocate(Math.max(2 * frame.capacity(), frame.position() + bytes));
            frame = bigger.put(frame.flip());
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
            byte kind = frame.get();
            done[i] = switch (kind) {
                case NULL -> new Done(index, start, end, null, null);
                case INT -> new Done(index, start, end, frame.getInt(), null);
                case LONG -> new Done(index, start, end, frame.getLong(), null);
                case STRING -> new Done(index, start, end, new String(bytes(frame), StandardCharsets.UTF_8), null);
                case OBJECT -> new Done(index, start, end, deserialize(bytes(frame)), null);
                case ERROR -> new Done(index, start, end, null, (Throwable) deserialize(bytes(frame)));
                default -> throw new IOException("unknown result kind " + kind);
            };
        }
        return done;
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.getInt()];
        frame.get(bytes);
        return bytes;
    }

    /**
     * One message for a queue or a pipe: a kind byte, then the value. Integers, longs and short strings
     * skip Java serialization, which costs more than the trip between processes.
     *
     * @throws NotSerializableException when the value is none of those and not serializable
     */
    static byte[] encode(Object value) throws IOException {
        if (value instanceof Integer i) return ByteBuffer.allocate(5).put(INT).putInt(i).array();
        if (value instanceof Long l) return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
        var bytes = new ByteArrayOutputStream(32);
        var out = new DataOutputStream(bytes);
        if (value instanceof String s && s.length() < 16_384) {
            out.writeByte(STRING);
            out.writeUTF(s);
        } else {
            out.writeByte(OBJECT);
            out.write(serialize(value));
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The value of a message made by {@link #encode}. */
    static Object decode(byte[] message) throws IOException {
        byte kind = message[0];
        if (kind == INT) return ByteBuffer.wrap(message, 1, 4).getInt();
        if (kind == LONG) return ByteBuffer.wrap(message, 1, 8).getLong();
        var in = new DataInputStream(new ByteArrayInputStream(message, 1, message.length - 1));
        return switch (kind) {
            case STRING -> in.readUTF();
            case OBJECT -> deserialize(java.util.Arrays.copyOfRange(message, 1, message.length));
            default -> throw new IOException("unknown message kind " + kind);
        };
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
