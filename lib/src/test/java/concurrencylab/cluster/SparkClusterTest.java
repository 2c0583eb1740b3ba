package concurrencylab.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input fails at once, in one line that says what to do; the cluster itself runs in tests/test_spark_cluster.py. */
class SparkClusterTest {

    @Test
    void countsAndPortsOutOfRangeNameTheParameter() {
        var workers = assertThrows(IllegalArgumentException.class, () -> SparkCluster.start(0));
        assertEquals("workers must be at least 1, got 0", workers.getMessage());
        var cores = assertThrows(IllegalArgumentException.class, () -> SparkCluster.start(1, 0, 7077, Duration.ofSeconds(5)));
        assertEquals("coresPerWorker must be at least 1, got 0", cores.getMessage());
        var port = assertThrows(IllegalArgumentException.class, () -> SparkCluster.start(1, 1, 70000, Duration.ofSeconds(5)));
        assertEquals("masterPort must be at most 65535, got 70000", port.getMessage());
    }

    @Test
    void withoutSparkOnTheClassPathTheErrorSaysHowToLoadIt() {
        // The library's own tests do not depend on Spark: it is a notebook's %maven, not a library dependency.
        var missing = assertThrows(IllegalStateException.class, () -> SparkCluster.start(1));
        assertEquals("Spark is not on the class path: run %maven org.apache.spark:spark-core_2.13:4.2.0 in a cell first",
                missing.getMessage());
    }
}
