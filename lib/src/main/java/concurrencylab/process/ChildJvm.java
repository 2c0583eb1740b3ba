package concurrencylab.process;

import concurrencylab.spi.NotebookClassPath;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The command line of a child JVM: this JVM's JDK, the notebook's class path, a small footprint. */
final class ChildJvm {
    private ChildJvm() {}

    /** Set (by WorkerTraining, at build time) to the file the first child writes its AOT cache to. */
    static final String AOT_OUTPUT = "concurrencylab.worker.aot.output";
    /** The AOT cache children start with (the kernelspec sets it): classes loaded and linked, profiles. */
    static final String AOT_CACHE = "concurrencylab.worker.aot";
    private static final AtomicBoolean TRAINING_STARTED = new AtomicBoolean();

    /** True in the training run, where a child needs time at exit to write the cache. */
    static boolean training() {
        return System.getProperty(AOT_OUTPUT) != null;
    }

    /**
     * The AOT cache holds the classes a training worker loaded and linked, so a child starts without
     * loading them again (docs/performance.md has the start-up times). A cache that does not match
     * (another JDK, a class path that is not an extension of the training one) is skipped quietly.
     */
    private static List<String> aotOptions() {
        String output = System.getProperty(AOT_OUTPUT);
        if (output != null) {
            return TRAINING_STARTED.compareAndSet(false, true) ? List.of("-XX:AOTCacheOutput=" + output) : List.of();
        }
        String cache = System.getProperty(AOT_CACHE);
        if (cache == null || !Files.isRegularFile(Path.of(cache))) return List.of();
        // Classes and linkage from the cache, but not the training run's JIT work: replaying it made every
        // child start later, for code paths the notebook's tasks do not take.
        return List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining");
    }

    static ProcessBuilder command(String mainClass, List<String> args) {
        return command(mainClass, args, List.of());
    }

    /** The class path a child JVM gets: the library and its dependencies, as notebook cells see them. */
    static String classPath() {
        return NotebookClassPath.get();
    }

    /** With extra JVM options ({@code -Xmx512m}, {@code -Dkey=value}) before the main class. */
    static ProcessBuilder command(String mainClass, List<String> args, List<String> jvmOptions) {
        return command(mainClass, args, jvmOptions, null);
    }

    /** With {@code extraClassPath} (a directory of classes, or null) after the library on the class path, which keeps the AOT cache usable. */
    static ProcessBuilder command(String mainClass, List<String> args, List<String> jvmOptions, Path extraClassPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = extraClassPath == null ? classPath() : classPath() + File.pathSeparator + extraClassPath;
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                // Preview on: classes of cells compiled with preview features (the kernel's) must load here too.
                "--enable-preview", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath));
        cmd.addAll(aotOptions());
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }
}
