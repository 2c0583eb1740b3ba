package concurrencylab.process;

import concurrencylab.spi.KernelServices;
import concurrencylab.spi.ClassSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One value as bytes, the format of a queue item, a pipe message and a pool task's result: a kind
 * byte, then the value. Integers, longs and strings travel as plain numbers and chars; anything else
 * uses Java serialization, which costs microseconds per object, more than the trip between processes.
 *
 * <pre>{@code
 * byte[] message = ValueCodec.encode(42);     // 5 bytes: INT, then the int
 * ValueCodec.decode(message);                 // 42
 * }</pre>
 */
final class ValueCodec {
    private ValueCodec() {}

    private static final byte NULL = 0, INT = 1, LONG = 2, STRING = 3, OBJECT = 4;

    /**
     * {@code value} as one message.
     *
     * @throws NotSerializableException when the value is none of the plain kinds and not serializable
     */
    static byte[] encode(Object value) throws IOException {
        ByteBuffer frame = put(ByteBuffer.allocate(16), value);
        return Arrays.copyOf(frame.array(), frame.position());
    }

    /** The value of a message made by {@link #encode}. */
    static Object decode(byte[] message) throws IOException {
        return get(ByteBuffer.wrap(message));
    }

    /**
     * Appends {@code value} to {@code frame} or, when it is full, to a bigger copy; returns the buffer
     * written to. Strings travel as their UTF-16 chars, exactly. Nothing is written when it throws.
     */
    static ByteBuffer put(ByteBuffer frame, Object value) throws IOException {
        if (value == null) return room(frame, 1).put(NULL);
        if (value instanceof Integer i) return room(frame, 5).put(INT).putInt(i);
        if (value instanceof Long l) return room(frame, 9).put(LONG).putLong(l);
        if (value instanceof String s) {
            frame = room(frame, 5 + 2 * s.length()).put(STRING).putInt(s.length());
            frame.asCharBuffer().put(s);
            return frame.position(frame.position() + 2 * s.length());
        }
        byte[] bytes = serialize(value);
        return room(frame, 5 + bytes.length).put(OBJECT).putInt(bytes.length).put(bytes);
    }

    /** Reads the value at {@code frame}'s position and moves past it. */
    static Object get(ByteBuffer frame) throws IOException {
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
            case OBJECT -> {
                byte[] bytes = new byte[frame.getInt()];
                frame.get(bytes);
                yield deserialize(bytes);
            }
            default -> throw new IOException("unknown value kind " + kind);
        };
    }

    /** {@code frame}, or a bigger copy of it, with room for {@code bytes} more. */
    static ByteBuffer room(ByteBuffer frame, int bytes) {
        if (frame.remaining() >= bytes) return frame;
        return ByteBuffer.allocate(Math.max(2 * frame.capacity(), frame.position() + bytes)).put(frame.flip());
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
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
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
}
