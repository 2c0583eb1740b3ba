package concurrencylab.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM: this JVM's JDK, the notebook's class path, a small footprint. */
final class ChildJvm {
    private ChildJvm() {}

    static ProcessBuilder command(String mainClass, List<String> args) {
        return command(mainClass, args, List.of());
    }

    /** With extra JVM options ({@code -Xmx512m}, {@code -Dkey=value}) before the main class. */
    static ProcessBuilder command(String mainClass, List<String> args, List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("concurrencylab.notebook.classpath", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.awt.headless=true",
                // Preview on: classes of cells compiled with preview features (the kernel's) must load here too.
                "--enable-preview", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath));
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }
}
