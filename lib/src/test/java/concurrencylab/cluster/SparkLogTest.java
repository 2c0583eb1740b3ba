package concurrencylab.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

/** What a Spark JVM's log shows in the cell: its warnings and errors while it runs, nothing once it is being stopped. */
class SparkLogTest {
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.err;
        System.setErr(new PrintStream(shown, true));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
    }

    @Test
    void warningsAndErrorsShowWhileTheJvmRunsButNotInfoOrHadoopsNativeLibraryNote() {
        var log = new SparkLog("spark-master", "I have been elected leader");
        log.line("25/01/01 10:00:00 INFO Master: Starting Spark master");
        log.line("25/01/01 10:00:01 WARN NativeCodeLoader: Unable to load native-hadoop library");
        log.line("25/01/01 10:00:02 WARN Utils: Your hostname resolves to a loopback address");
        log.line("25/01/01 10:00:03 ERROR Master: something broke");
        assertEquals("""
                [spark-master] 25/01/01 10:00:02 WARN Utils: Your hostname resolves to a loopback address
                [spark-master] 25/01/01 10:00:03 ERROR Master: something broke
                """, shown.toString());
    }

    @Test
    void aQuietLogShowsNeitherErrorsNorWarnings() {
        var log = new SparkLog("spark-master", "I have been elected leader");
        log.quiet(); // close() stops the cluster: the master's complaints about executors going away are expected
        log.line("25/01/01 10:00:04 ERROR Master: executor lost");
        log.line("25/01/01 10:00:05 WARN Master: Got status update for unknown executor app-1/0");
        assertEquals("", shown.toString());
    }
}
