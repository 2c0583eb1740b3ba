package concurrencylab.process;

import concurrencylab.workload.Workload;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/**
 * What a parent and its child JVM send over the child's stdin and stdout: tagged binary frames. A
 * worker ({@link WorkerMain}) gets the cells' classes and variables, the workload (once per run) and
 * batches of task indices, and answers each batch with one frame of outcomes; a {@link JvmProcess}
 * child ({@link ProcessMain}) gets the classes, the variables and its task. Task indices and times
 * travel as plain numbers, results as {@link ValueCodec} values, a batch of them in one frame.
 *
 * <pre>{@code
 * ChildFrames.writeBatch(out, new int[]{0, 1, 2});   // parent: BATCH, count, the indices
 * int[] tasks = ChildFrames.readBatch(in);             // worker, after reading the BATCH tag
 * }</pre>
 */
final class ChildFrames {
    private ChildFrames() {}

    static final byte READY = 'R', CLASSES = 'C', VARIABLES = 'V', USE = 'U', BATCH = 'B', DONE = 'D', STOP = 'S';
    /** A variable bigger than this, serialized, is not sent to children. */
    static final int MAX_VARIABLE_BYTES = 16 << 20;
    /** What follows an outcome's times: its result, or the error it threw. */
    private static final byte RESULT = 0, ERROR = 1;

    /** Now, in nanoseconds since the epoch: the clock task times travel in, the same in every process. */
    static long epochNanos() {
        var now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static void writeClasses(DataOutputStream out, Map<String, byte[]> classes) throws IOException {
        out.writeByte(CLASSES);
        out.writeInt(classes.size());
        for (var c : classes.entrySet()) {
            out.writeUTF(c.getKey());
            writeBytes(out, c.getValue());
        }
    }

    /** After the CLASSES tag. */
    static void readClasses(DataInputStream in, ShippedClasses into) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) into.add(in.readUTF(), readBytes(in));
    }

    /** The notebook's variables that can travel: class name, field name, serialized value. */
    static void writeVariables(DataOutputStream out, Map<String, Map<String, Object>> variables) throws IOException {
        record Variable(String className, String field, byte[] value) {}
        var sendable = new ArrayList<Variable>();
        for (var c : variables.entrySet()) {
            for (var f : c.getValue().entrySet()) {
                try {
                    byte[] value = ValueCodec.serialize(f.getValue());
                    if (value.length <= MAX_VARIABLE_BYTES) sendable.add(new Variable(c.getKey(), f.getKey(), value));
                } catch (IOException notSerializable) {
                    // a pool, a stream...: children see it unset
                }
            }
        }
        out.writeByte(VARIABLES);
        out.writeInt(sendable.size());
        for (Variable v : sendable) {
            out.writeUTF(v.className());
            out.writeUTF(v.field());
            writeBytes(out, v.value());
        }
    }

    /** After the VARIABLES tag: sets the variables in the child's copies of the cells' classes. */
    static void readVariables(DataInputStream in, ShippedClasses classes) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String className = in.readUTF();
            String field = in.readUTF();
            byte[] value = readBytes(in);
            try {
                var f = Class.forName(className, true, classes).getDeclaredField(field);
                f.setAccessible(true);
                f.set(null, classes.read(value));
            } catch (ReflectiveOperationException | IOException | RuntimeException e) {
                // a final or vanished variable: the child sees what the class itself sets
            }
        }
    }

    /** The workload the next batches run, already serialized. */
    static void writeUse(DataOutputStream out, byte[] work) throws IOException {
        out.writeByte(USE);
        writeBytes(out, work);
    }

    /** After the USE tag. */
    static Workload readWorkload(DataInputStream in, ShippedClasses classes) throws IOException {
        return (Workload) classes.read(readBytes(in));
    }

    /** A {@link JvmProcess} child's task, already serialized: the last frame, untagged. */
    static void writeTask(DataOutputStream out, byte[] task) throws IOException {
        writeBytes(out, task);
    }

    static RemoteTask readTask(DataInputStream in, ShippedClasses classes) throws IOException {
        return (RemoteTask) classes.read(readBytes(in));
    }

    static void writeBatch(DataOutputStream out, int[] indices) throws IOException {
        var frame = ByteBuffer.allocate(5 + 4 * indices.length);
        frame.put(BATCH).putInt(indices.length).asIntBuffer().put(indices);
        out.write(frame.array());
    }

    /** After the BATCH tag. */
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
     * var outcomes = new ChildFrames.Outcomes();
     * outcomes.add(index, start, end, result, null);   // per task
     * outcomes.writeTo(out);                           // DONE, count, length, the outcomes
     * }</pre>
     */
    static final class Outcomes {
        private ByteBuffer frame = ByteBuffer.allocate(1 << 12);
        private int count;

        /** One task's outcome: index, start and end in epoch nanoseconds, and its result or error. */
        void add(int index, long start, long end, Object result, Throwable error) throws IOException {
            frame = ValueCodec.room(frame, 21).putInt(index).putLong(start).putLong(end);
            count++;
            if (error == null) {
                int at = frame.position();
                frame.put(RESULT);
                try {
                    frame = ValueCodec.put(frame, result);
                    return;
                } catch (NotSerializableException e) {
                    frame.position(at);
                    error = new NotSerializableException("task " + index + " returned a " + result.getClass().getName()
                            + ", which cannot be sent back to the notebook");
                }
            }
            frame.put(ERROR);
            try {
                frame = ValueCodec.put(frame, error);
            } catch (IOException e) { // an exception holding something unserializable: send what it says
                var plain = new RuntimeException(error.getClass().getName() + ": " + error.getMessage());
                plain.setStackTrace(error.getStackTrace());
                frame = ValueCodec.put(frame, plain);
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

    /** After the DONE tag: the outcomes of one batch. */
    static Done[] readOutcomes(DataInputStream in) throws IOException {
        Done[] done = new Done[in.readInt()];
        var frame = ByteBuffer.wrap(readBytes(in));
        for (int i = 0; i < done.length; i++) {
            int index = frame.getInt();
            long start = frame.getLong();
            long end = frame.getLong();
            boolean failed = frame.get() == ERROR;
            Object value = ValueCodec.get(frame);
            done[i] = failed ? new Done(index, start, end, null, (Throwable) value) : new Done(index, start, end, value, null);
        }
        return done;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
