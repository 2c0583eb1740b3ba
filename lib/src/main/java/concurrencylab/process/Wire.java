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

/**
 * The pool's wire format over a worker's stdin and stdout: tagged binary frames. Task indices, times
 * and the common result types (null, int, long, String) travel as plain numbers and text; only the
 * workload (once per run) and unusual results or errors use Java serialization, which costs
 * microseconds per object and would dominate small tasks.
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
        out.writeByte(BATCH);
        out.writeInt(indices.length);
        for (int i : indices) out.writeInt(i);
    }

    static int[] readBatch(DataInputStream in) throws IOException {
        int[] indices = new int[in.readInt()];
        for (int i = 0; i < indices.length; i++) indices[i] = in.readInt();
        return indices;
    }

    /** One task's outcome: index, start and end in epoch nanoseconds, and its result or error. */
    static void writeDone(DataOutputStream out, int index, long start, long end, Object result, Throwable error) throws IOException {
        out.writeInt(index);
        out.writeLong(start);
        out.writeLong(end);
        if (error != null) {
            writeBytes(out, ERROR, serializeError(error));
        } else if (result == null) {
            out.writeByte(NULL);
        } else if (result instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (result instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (result instanceof String s && s.length() < 16_384) {
            out.writeByte(STRING);
            out.writeUTF(s);
        } else if (result instanceof Serializable) {
            writeBytes(out, OBJECT, serialize(result));
        } else {
            writeBytes(out, ERROR, serializeError(new NotSerializableException("task " + index + " returned a "
                    + result.getClass().getName() + ", which cannot be sent back to the notebook")));
        }
    }

    record Done(int index, long start, long end, Object result, Throwable error) {}

    static Done readDone(DataInputStream in) throws IOException {
        int index = in.readInt();
        long start = in.readLong();
        long end = in.readLong();
        byte kind = in.readByte();
        return switch (kind) {
            case NULL -> new Done(index, start, end, null, null);
            case INT -> new Done(index, start, end, in.readInt(), null);
            case LONG -> new Done(index, start, end, in.readLong(), null);
            case STRING -> new Done(index, start, end, in.readUTF(), null);
            case OBJECT -> new Done(index, start, end, deserialize(readBytes(in)), null);
            case ERROR -> new Done(index, start, end, null, (Throwable) deserialize(readBytes(in)));
            default -> throw new IOException("unknown result kind " + kind);
        };
    }

    /**
     * One message for a queue or a pipe: a kind byte, then the value. Integers, longs and short strings
     * skip Java serialization, which costs more than the trip between processes.
     *
     * @throws NotSerializableException when the value is none of those and not serializable
     */
    static byte[] encode(Object value) throws IOException {
        var bytes = new ByteArrayOutputStream(32);
        var out = new DataOutputStream(bytes);
        if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof String s && s.length() < 16_384) {
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
        var in = new DataInputStream(new ByteArrayInputStream(message));
        byte kind = in.readByte();
        return switch (kind) {
            case INT -> in.readInt();
            case LONG -> in.readLong();
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

    private static void writeBytes(DataOutputStream out, byte kind, byte[] bytes) throws IOException {
        out.writeByte(kind);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
