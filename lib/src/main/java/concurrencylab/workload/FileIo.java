package concurrencylab.workload;

import concurrencylab.Check;
import concurrencylab.async.EventLoop;
import concurrencylab.async.NonBlocking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The seed's {@code process_file}: each task waits {@code latency} (the simulated slow device), then
 * reads its file, upper-cases the text and writes it to {@code NAME.processed}.
 *
 * <p>The files live in a fresh temporary directory that {@link #close()} removes (and, as a safety
 * net, the JVM's exit), so a notebook never leaves files behind.
 *
 * <pre>{@code
 * try (var files = new FileIo(10, Duration.ofMillis(200))) {
 *     files.runTask(3);                     // waits, then writes file_3.txt.processed
 *     files.processedText(3);               // "SOME DATA"
 * }
 * }</pre>
 */
public final class FileIo implements Workload, NonBlocking {
    static final String CONTENT = "Some data";

    private final int tasks;
    private final Duration latency;
    private final String directory; // a String, not a Path: workloads travel to worker JVMs

    /**
     * Creates {@code tasks} files {@code file_0.txt ...} holding "Some data".
     *
     * @param tasks   number of files, at least 1
     * @param latency simulated device latency per file, zero or more
     */
    public FileIo(int tasks, Duration latency) {
        this.tasks = Check.atLeast("tasks", tasks, 1);
        this.latency = Check.notNegative("latency", latency);
        try {
            this.directory = Files.createTempDirectory("concurrency-lab-files-").toString();
            for (int i = 0; i < tasks; i++) {
                Files.writeString(file(i), CONTENT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workload's files: " + e.getMessage(), e);
        }
        // Only the creating JVM deletes the files: a worker JVM gets a copy without running this constructor.
        Runtime.getRuntime().addShutdownHook(new Thread(this::deleteFiles, "delete " + directory));
    }

    /** The directory that holds the files. */
    public Path directory() {
        return Path.of(directory);
    }

    /** The input file of task {@code index}. */
    public Path file(int index) {
        return directory().resolve("file_" + index + ".txt");
    }

    /** What task {@code index} wrote, once it ran. */
    public String processedText(int index) throws IOException {
        return Files.readString(directory().resolve(file(index).getFileName() + ".processed"));
    }

    @Override
    public String description() {
        return tasks + " files, " + Durations.format(latency) + " I/O wait each";
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public Object runTask(int index) throws IOException, InterruptedException {
        Thread.sleep(latency);
        Path in = file(index);
        String data = Files.readString(in);
        Path out = in.resolveSibling(in.getFileName() + ".processed");
        Files.writeString(out, data.toUpperCase(Locale.ROOT));
        return in.getFileName().toString();
    }

    /**
     * On an event loop: the device wait is a timer, then the read and the write go through
     * {@link AsynchronousFileChannel}, whose completion handlers hand back to the loop. On Linux the
     * JDK runs those file operations on a hidden thread pool (there is no non-blocking file read), as
     * asyncio's {@code to_thread} does for files.
     */
    @Override
    public void start(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        loop.after(latency, () -> readThenWrite(index, loop, done));
    }

    private void readThenWrite(int index, EventLoop loop, BiConsumer<Object, Throwable> done) {
        Path in = file(index);
        Path out = in.resolveSibling(in.getFileName() + ".processed");
        try {
            var reader = AsynchronousFileChannel.open(in, StandardOpenOption.READ);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, Files.size(in)));
            reader.read(buffer, 0, null, handler(loop, done, reader, read -> {
                String upper = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                var writer = AsynchronousFileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                writer.write(ByteBuffer.wrap(upper.getBytes(StandardCharsets.UTF_8)), 0, null,
                        handler(loop, done, writer, written -> done.accept(in.getFileName().toString(), null)));
            }));
        } catch (IOException | RuntimeException e) {
            done.accept(null, e);
        }
    }

    private interface IoStep {
        void next(Integer bytes) throws IOException;
    }

    /** A completion handler that closes {@code channel} and continues with {@code next} on the loop thread. */
    private static CompletionHandler<Integer, Void> handler(EventLoop loop, BiConsumer<Object, Throwable> done,
                                                            AsynchronousFileChannel channel, IoStep next) {
        return new CompletionHandler<>() {
            @Override
            public void completed(Integer bytes, Void attachment) {
                closeQuietly(channel);
                loop.execute(() -> {
                    try {
                        next.next(bytes);
                    } catch (IOException | RuntimeException e) {
                        done.accept(null, e);
                    }
                });
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                closeQuietly(channel);
                loop.execute(() -> done.accept(null, error));
            }
        };
    }

    private static void closeQuietly(AsynchronousFileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the operation finished; a failing close loses nothing
        }
    }

    /** The waits only: the file operations take microseconds next to them. */
    @Override
    public Duration idealTime(int workers, int cores) {
        return latency.multipliedBy(Durations.waves(tasks, workers));
    }

    @Override
    public void close() {
        deleteFiles();
    }

    private void deleteFiles() {
        if (!Files.exists(directory())) return;
        try (Stream<Path> paths = Files.walk(directory())) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory the OS cleans anyway
        }
    }

    @Override
    public String toString() {
        return "FileIo[" + description() + "]";
    }
}
