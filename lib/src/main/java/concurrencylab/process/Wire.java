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

    static final byte READY = 'R', USE = 'U', BATCH = 'B', DONE = 'D', STOP = 'S';
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

    static Object deserialize(byte[] bytes) throws IOException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot load " + e.getMessage() + " here", e);
        }
    }

    static void writeUse(DataOutputStream out, Workload work) throws IOException {
        byte[] bytes = serialize(work);
        out.writeByte(USE);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static Workload readWorkload(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return (Workload) deserialize(bytes);
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
