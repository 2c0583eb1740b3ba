package concurrencylab.workload;

import concurrencylab.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
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
public final class FileIo implements Workload {
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
