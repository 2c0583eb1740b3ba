package concurrencylab.workload;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The child program of notebook 02's plain-JDK worker JVMs, run as a real child JVM. */
class CpuTasksMainTest {

    private static Process start(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classes = Path.of(CpuTasksMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        var command = new java.util.ArrayList<>(List.of(java, "-cp", classes, CpuTasksMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void aChildComputesEveryStepthTaskAsCpuBoundDoes() throws Exception {
        var cpu = new CpuBound(5, 10_000, Duration.ofMillis(1));
        Process child = start("5", "1", "2", "10000");
        List<String> lines = child.inputReader().lines().toList();
        assertEquals(0, child.waitFor());
        assertEquals(List.of("1 " + cpu.runTask(1), "3 " + cpu.runTask(3)), lines);
    }

    @Test
    void aWrongArgumentIsNamedInOneLine() throws Exception {
        Process child = start("5", "0", "zero", "10000");
        List<String> lines = child.inputReader().lines().toList();
        assertEquals(2, child.waitFor());
        assertEquals(List.of("CpuTasksMain: STEP must be a whole number of at least 1, got 'zero'"), lines);
    }
}
