package concurrencylab.kernel.output;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries {@code System.out} and {@code System.err} of every thread to the notebook.
 *
 * <p>Each thread's output belongs to the cell that started it: the cell's {@link CellOutput} is an
 * inheritable thread-local, so pool threads, virtual threads and timers created by a cell inherit it.
 * Output of a cell that has finished goes to the cell running now (the frontend no longer listens to
 * the old one), else still to its own cell; it never ends up in the kernel's log.
 *
 * <p>Text is batched: a flusher publishes what accumulated every {@value #FLUSH_MILLIS} ms, so a cell
 * printing once a second shows each line as it comes, and a cell printing a million lines sends a few
 * dozen messages. Past {@link #capPerCell} characters a cell's output is dropped and counted, and the
 * cell ends with a note saying how much.
 */
public final class OutputRouter {
    static final int FLUSH_MILLIS = 25;

    private static final InheritableThreadLocal<CellOutput> ORIGIN = new InheritableThreadLocal<>();

    private final JupyterSocket iopub;
    private final long capPerCell;
    private final Object lock = new Object();
    private final Map<CellOutput, Pending> pending = new LinkedHashMap<>();
    private final PrintStream out;
    private final PrintStream err;
    private volatile CellOutput running;
    private volatile CellOutput last;

    public OutputRouter(JupyterSocket iopub, long capPerCell) {
        this.iopub = iopub;
        this.capPerCell = capPerCell;
        this.out = new PrintStream(new Router(PublishStream.StreamType.OUT), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Router(PublishStream.StreamType.ERR), true, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon(true).name("output-flusher").start(this::flushLoop);
    }

    /** The stream to install as {@code System.out}. */
    public PrintStream out() {
        return out;
    }

    /** The stream to install as {@code System.err}. */
    public PrintStream err() {
        return err;
    }

    /** Marks {@code cell} as running; the calling thread (and every thread it starts) writes to it. */
    public void cellStarted(CellOutput cell) {
        running = cell;
        last = cell;
        ORIGIN.set(cell);
    }

    /** Publishes what {@code cell} has pending, plus a note if output was capped. */
    public void cellFinished(CellOutput cell) {
        out.flush();
        err.flush();
        flush();
        long dropped = cell.dropped().getAndSet(0);
        if (dropped > 0) {
            publish(cell, PublishStream.StreamType.ERR, String.format(
                    "%n[output capped: the cell printed more than %,d characters; %,d more were not shown]%n",
                    capPerCell, dropped));
        }
        cell.finish();
        if (running == cell) running = null;
    }

    /**
     * Sends what this thread (and every thread it starts from now on) writes to {@code cell}, without
     * making it the running cell: a widget's callback. Returns what it wrote to before, for {@link #restore}.
     */
    public CellOutput route(CellOutput cell) {
        CellOutput before = ORIGIN.get();
        ORIGIN.set(cell);
        return before;
    }

    /** Undoes {@link #route}: this thread writes to {@code before} again. */
    public void restore(CellOutput before) {
        ORIGIN.set(before);
    }

    /** The cell a display call from this thread belongs to. */
    public CellOutput currentCell() {
        return target(ORIGIN.get());
    }

    /** Sends everything pending now. */
    public void flush() {
        Map<CellOutput, Pending> batch;
        synchronized (lock) {
            if (pending.isEmpty()) return;
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        batch.forEach((cell, p) -> {
            String o = p.out.drain();
            String e = p.err.drain();
            if (p.out.size() > 0 || p.err.size() > 0) { // half a character: keep it for the next batch
                synchronized (lock) {
                    Pending next = pending.computeIfAbsent(cell, c -> new Pending());
                    next.out.writeBytes(p.out.toByteArray());
                    next.err.writeBytes(p.err.toByteArray());
                }
            }
            if (!o.isEmpty()) publish(cell, PublishStream.StreamType.OUT, o);
            if (!e.isEmpty()) publish(cell, PublishStream.StreamType.ERR, e);
        });
    }

    private void publish(CellOutput cell, PublishStream.StreamType type, String text) {
        if (cell.area() != null) {
            cell.area().stream(type == PublishStream.StreamType.OUT ? "stdout" : "stderr", text);
            return;
        }
        iopub.sendMessage(new Message<>(cell.request(), PublishStream.MESSAGE_TYPE, new PublishStream(type, text)));
    }

    private CellOutput target(CellOutput origin) {
        CellOutput now = running;
        if (origin == null) return now != null ? now : last;
        if (origin.finished() && now != null && origin.area() == null) return now; // an output widget still shows
        return origin;
    }

    private void flushLoop() {
        while (true) {
            try {
                Thread.sleep(FLUSH_MILLIS);
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a closed socket at shutdown: nothing to publish to
            }
        }
    }

    private void write(PublishStream.StreamType type, byte[] b, int off, int len) {
        CellOutput cell = target(ORIGIN.get());
        if (cell == null) return; // before the first cell: nobody to show it to
        synchronized (lock) {
            long allowed = capPerCell - cell.published().get();
            if (allowed <= 0) {
                cell.dropped().addAndGet(len);
                return;
            }
            int take = (int) Math.min(len, allowed);
            cell.published().addAndGet(take);
            if (take < len) cell.dropped().addAndGet(len - take);
            Pending p = pending.computeIfAbsent(cell, c -> new Pending());
            (type == PublishStream.StreamType.OUT ? p.out : p.err).write(b, off, take);
        }
    }

    private final class Router extends OutputStream {
        private final PublishStream.StreamType type;

        Router(PublishStream.StreamType type) {
            this.type = type;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            OutputRouter.this.write(type, b, off, len);
        }
    }

    private static final class Pending {
        final Utf8Buffer out = new Utf8Buffer();
        final Utf8Buffer err = new Utf8Buffer();
    }

    /** Bytes to text, keeping an incomplete trailing UTF-8 sequence for the next batch. */
    static final class Utf8Buffer extends ByteArrayOutputStream {
        String drain() {
            int complete = completeLength(buf, count);
            String text = new String(buf, 0, complete, StandardCharsets.UTF_8);
            byte[] rest = Arrays.copyOfRange(buf, complete, count);
            reset();
            write(rest, 0, rest.length);
            return text;
        }

        static int completeLength(byte[] b, int n) {
            for (int back = 1; back <= Math.min(3, n); back++) {
                int c = b[n - back] & 0xff;
                if ((c & 0xC0) == 0x80) continue; // continuation byte
                int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
                return need > back ? n - back : n;
            }
            return n;
        }
    }
}
