package concurrencylab.process;

import concurrencylab.internal.PrivateDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A duplex pipe between two processes, Python's {@code multiprocessing.Pipe()}: a Unix-domain socket
 * in this JVM's owner-only directory. Keep the parent end here and send the child end to a child JVM
 * (capture it in a {@link RemoteTask}); each end sends and receives objects or raw bytes.
 *
 * <pre>{@code
 * var pipe = ProcessPipe.open();
 * var parentEnd = pipe.parentEnd();
 * var childEnd = pipe.childEnd();
 * var child = JvmProcess.start(() -> {
 *     String question = (String) childEnd.receive();
 *     childEnd.send(question.length());
 * });
 * parentEnd.send("how long is this?");
 * parentEnd.receive();          // 17
 * child.join();
 * pipe.close();
 * }</pre>
 *
 * <p>The socket listens from {@link #open()}: the child can connect and write up to the socket's
 * buffer (a few hundred KB) before the parent reads. A child that sends more blocks until the parent
 * receives, so a parent that joins the child before draining the pipe waits for ever, as in Python.
 */
public final class ProcessPipe implements AutoCloseable {
    static final byte OBJECT = 'O', BYTES = 'B';

    private final Path path;
    private final ServerSocketChannel server;
    private final End parentEnd;
    private final End childEnd;

    private ProcessPipe(Path path) {
        this.path = path;
        this.server = UnixSockets.listen(path);
        this.parentEnd = new End(path.toString(), this);
        this.childEnd = new End(path.toString(), null);
    }

    /** A new pipe, listening at once. */
    public static ProcessPipe open() {
        return new ProcessPipe(PrivateDir.newPath("pipe", ".sock"));
    }

    /** The end that stays in this JVM (it accepts the child end's connection). */
    public End parentEnd() {
        return parentEnd;
    }

    /** The end for another process; it connects when first used. It may also be used in this JVM. */
    public End childEnd() {
        return childEnd;
    }

    /** Closes both ends here and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close(); // first: a parent end waiting in accept() gives up
        } catch (IOException ignored) {
            // closing
        }
        parentEnd.close();
        childEnd.close();
        PrivateDir.deleteQuietly(path);
    }

    private SocketChannel accept() throws IOException {
        SocketChannel accepted = server.accept();
        server.close(); // one connection per pipe: nobody else may join it
        PrivateDir.deleteQuietly(path);
        return accepted;
    }

    /**
     * One end of a {@link ProcessPipe}. Python's {@code Connection}: {@code send}/{@code receive} for
     * objects, {@code sendBytes}/{@code receiveBytes} for raw bytes. One thread at a time per end.
     */
    public static final class End implements AutoCloseable, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String path;
        private final transient ProcessPipe owner; // set on the parent end, in the JVM that opened the pipe
        private transient SocketChannel channel;
        private transient DataInputStream in;
        private transient DataOutputStream out;

        private End(String path, ProcessPipe owner) {
            this.path = path;
            this.owner = owner;
        }

        /** Sends {@code message}, serialized; waits while the socket's buffer is full. */
        public void send(Object message) {
            byte[] bytes;
            try {
                bytes = ValueCodec.encode(message);
            } catch (NotSerializableException e) {
                throw new IllegalArgumentException("cannot send a " + message.getClass().getName() + " through a pipe: "
                        + e.getMessage() + " is not serializable");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            write(OBJECT, bytes);
        }

        /** Sends raw bytes. */
        public void sendBytes(byte[] bytes) {
            write(BYTES, bytes);
        }

        /** Waits for the next message; a message sent with {@link #sendBytes} arrives as a {@code byte[]}. */
        public Object receive() {
            byte kind = readKind();
            byte[] bytes = readPayload();
            if (kind == BYTES) return bytes;
            try {
                return ValueCodec.decode(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a message from the pipe: " + e.getMessage(), e);
            }
        }

        /** Waits for the next message, which must have been sent with {@link #sendBytes}. */
        public byte[] receiveBytes() {
            byte kind = readKind();
            byte[] bytes = readPayload();
            if (kind != BYTES) throw new IllegalStateException("the next message was sent with send(), not sendBytes(): use receive()");
            return bytes;
        }

        /** Closes this end; the other end's receive then fails with "the other end closed the pipe". */
        @Override
        public synchronized void close() {
            if (channel == null) return;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        private void write(byte kind, byte[] bytes) {
            try {
                open();
                out.writeByte(kind);
                out.writeInt(bytes.length);
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException("cannot send through the pipe: " + e.getMessage()
                        + " (the other end closed it, or its process exited)");
            }
        }

        private byte readKind() {
            try {
                open();
                return in.readByte();
            } catch (EOFException e) {
                throw new IllegalStateException("the other end closed the pipe");
            } catch (IOException e) {
                throw new IllegalStateException("cannot receive from the pipe: " + e.getMessage());
            }
        }

        private byte[] readPayload() {
            try {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return bytes;
            } catch (IOException e) {
                throw new IllegalStateException("the other end closed the pipe in the middle of a message");
            }
        }

        private synchronized void open() throws IOException {
            if (channel != null) {
                if (!channel.isOpen()) throw new IOException("this end is closed");
                return;
            }
            if (owner != null) {
                channel = owner.accept();
            } else {
                channel = UnixSockets.connect(Path.of(path));
            }
            in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        }

        /** Only the child end travels; the parent end holds the listening socket of this JVM. */
        @Serial
        private Object writeReplace() throws NotSerializableException {
            if (owner != null) {
                throw new NotSerializableException("the parent end of a pipe (it stays in the JVM that opened the pipe; send childEnd())");
            }
            return new Ref(path);
        }

        @Serial
        private void readObject(ObjectInputStream in) throws InvalidObjectException {
            throw new InvalidObjectException("a pipe end travels as its path");
        }

        private record Ref(String path) implements Serializable {
            @Serial
            private Object readResolve() {
                return new End(path, null);
            }
        }
    }
}
