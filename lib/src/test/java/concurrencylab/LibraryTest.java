package concurrencylab;

import concurrencylab.chart.Charts;
import concurrencylab.measure.Measurement;
import concurrencylab.measure.Results;
import concurrencylab.strategy.Strategies;
import concurrencylab.workload.FileIo;
import concurrencylab.workload.SimulatedIo;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;
import concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LibraryTest {

    @Test
    void idealBoundCountsWaves() {
        var work = Workloads.simulatedIo(10, Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(6), work.idealTime(4, 2), "ceil(10/4) = 3 waves of 2 s");
        assertEquals(Duration.ofSeconds(20), work.idealTime(1, 2));
        assertEquals(Duration.ofSeconds(2), work.idealTime(10, 2));
    }

    @Test
    void badParametersNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> Workloads.simulatedIo(0, Duration.ofMillis(1)));
        assertEquals("tasks must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Strategies.fixedPool(-2));
        assertEquals("threads must be at least 1, got -2", e.getMessage());
        var npe = assertThrows(NullPointerException.class, () -> Measurement.of(null));
        assertEquals("workload must not be null", npe.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Workloads.simulatedIo(3, Duration.ofMillis(-5)));
        assertTrue(e.getMessage().startsWith("latency must be zero or positive"), e.getMessage());
    }

    @Test
    void poolOfFourBeatsSequentialOnWaits() throws Exception {
        var work = new SimulatedIo(8, Duration.ofMillis(200));
        Results r = Measurement.of(work).warmups(0).repeats(1).progress(s -> {})
                .run(Strategies.sequential(), Strategies.fixedPool(4), Strategies.virtualThreads());
        double seq = r.of("sequential").medianWall().toMillis();
        double pool = r.of("fixed pool of 4").medianWall().toMillis();
        double virt = r.of("virtual threads").medianWall().toMillis();
        assertTrue(seq >= 1600, "sequential waits 8 x 200 ms, took " + seq);
        assertTrue(pool >= 400 && pool < seq / 2, "pool of 4 runs two waves, took " + pool);
        assertTrue(virt >= 200 && virt < pool, "virtual threads run one wave, took " + virt);
        assertEquals(4.0, r.table().doubleColumn("speed-up").get(1), 1.5);
    }

    @Test
    void timelineShowsThreeWavesOnFourWorkers() throws Exception {
        var work = new SimulatedIo(10, Duration.ofMillis(100));
        var pool = Strategies.fixedPool(4);
        List<TaskRecord> tasks = pool.run(work, System.nanoTime());
        assertEquals(4, tasks.stream().map(TaskRecord::worker).distinct().count());
        long lastStart = tasks.stream().mapToLong(TaskRecord::startNanos).max().orElseThrow();
        assertTrue(lastStart >= 190_000_000L, "the 9th and 10th tasks start in the third wave, at ~200 ms: " + lastStart);
    }

    @Test
    void fileWorkloadUpperCasesAndCleansUp() throws Exception {
        var files = new FileIo(3, Duration.ZERO);
        assertEquals("file_1.txt", files.runTask(1));
        assertEquals("SOME DATA", files.processedText(1));
        var dir = files.directory();
        files.close();
        assertFalse(Files.exists(dir), "close removes " + dir);
    }

    @Test
    void aFailingTaskIsNamedAndTheOthersAreKept() throws Exception {
        Workload flaky = new Workload() {
            public String description() { return "flaky"; }
            public int tasks() { return 4; }
            public Object runTask(int i) {
                if (i == 2) throw new IllegalStateException("disk full");
                return i;
            }
            public Duration idealTime(int w, int c) { return Duration.ZERO; }
        };
        Results r = Measurement.of(flaky).warmups(0).repeats(1).progress(s -> {}).run(Strategies.fixedPool(2));
        var run = r.of("fixed pool of 2").medianRun();
        assertEquals(List.of(0, 1, 3), run.tasks().stream().filter(t -> !t.failed()).map(TaskRecord::result).toList());
        assertEquals("1 task(s) failed, first: task 2: java.lang.IllegalStateException: disk full",
                r.table().stringColumn("note").get(0));
    }

    @Test
    void chartsRenderAsPng() throws Exception {
        var work = new SimulatedIo(6, Duration.ofMillis(20));
        var pool = Strategies.fixedPool(3);
        Results r = Measurement.of(work).warmups(0).repeats(1).progress(s -> {}).run(Strategies.sequential(), pool);
        byte[] png = Charts.png(Charts.wallTimes(r));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        var timeline = Charts.timeline(r.of(pool));
        assertTrue(timeline.getTitle().contains("2 waves"), timeline.getTitle());
        assertTrue(Charts.png(timeline).length > 1000);
        // One bar or many: each draws (one bar once failed in XChart's label thinning); none is one line.
        for (Map<String, Double> values : List.of(Map.of("plain", 12.0), Map.of("a", 1.0, "b", 2.0, "c", -3.0, "d", 0.001))) {
            assertTrue(Charts.png(Charts.bars("Lost updates", "count", values)).length > 1000, values.toString());
        }
        var none = assertThrows(IllegalArgumentException.class, () -> Charts.bars("Lost updates", "count", Map.of()));
        assertEquals("values must hold at least one bar, got none", none.getMessage());
    }

    @Test
    void logBarsPutTheValuesOnALogValueAxis() {
        var values = new java.util.LinkedHashMap<String, Double>();
        values.put("4 threads", 0.93);
        values.put("4 child JVMs", 1585.0);
        var chart = Charts.logBars("Start and join 4 of each", "wall time (ms, log scale)", values);
        var s = chart.getStyler();
        assertTrue(s.isXAxisLogarithmic(), "the bars run horizontally: the value axis is X");
        assertFalse(s.isYAxisLogarithmic(), "a log category axis draws no chart at all");
        assertEquals(0.1, s.getXAxisMin(), 1e-12, "a power of ten well below the smallest value, so its bar shows");
        assertTrue(s.getXAxisMax() > 3 * 1585, "room for the largest value's label: " + s.getXAxisMax());
        assertTrue(Charts.png(chart).length > 10_000);
        values.put("nothing", 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.logBars("t", "ms", values));
        assertEquals("a log axis needs positive values, but nothing is 0.0", e.getMessage());
    }

    @Test
    void structuredTaskScopeSaysHowToEnablePreviewFeatures() {
        var e = assertThrows(UnsupportedOperationException.class, concurrencylab.strategy.Strategies::structuredTaskScope);
        assertTrue(e.getMessage().contains("--enable-preview"), e.getMessage());
    }

    @Test
    void timeVersusTasksGrowsInWavesForAPoolAndStaysFlatForVirtualThreads() throws Exception {
        var points = Measurement.overTaskCounts(n -> Workloads.simulatedIo(n, Duration.ofMillis(50)), 2, 16)
                .warmups(0).repeats(1).progress(s -> {})
                .run(Strategies.fixedPool(2), Strategies.virtualThreads());
        assertEquals(4, points.table().rowCount());
        double poolSmall = points.sizes().get(0).of("fixed pool of 2").medianWall().toMillis();
        double poolLarge = points.sizes().get(1).of("fixed pool of 2").medianWall().toMillis();
        double virtualLarge = points.sizes().get(1).of("virtual threads").medianWall().toMillis();
        assertTrue(poolLarge > 4 * poolSmall, "8 waves against 1: " + poolLarge + " vs " + poolSmall + " ms");
        assertTrue(virtualLarge < 3 * poolSmall, "16 virtual threads wait once: " + virtualLarge + " ms");
        assertTrue(Charts.png(Charts.timeVsTasks(points)).length > 10_000);
        var e = assertThrows(IllegalArgumentException.class, () -> Measurement.overTaskCounts(n -> Workloads.simulatedIo(n, Duration.ZERO), 4, 0));
        assertEquals("taskCounts[1] must be at least 1, got 0", e.getMessage());
    }
}
