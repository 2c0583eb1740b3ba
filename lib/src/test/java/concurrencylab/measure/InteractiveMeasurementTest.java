package concurrencylab.measure;

import concurrencylab.strategy.Strategies;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The first drawing of an interactive measurement reuses what the cells above measured, only when it fits. */
class InteractiveMeasurementTest {

    private static Results measured(int tasks, Strategy... strategies) throws Exception {
        return Measurement.of(Workloads.simulatedIo(tasks, Duration.ofMillis(1))).warmups(0).repeats(1).progress(s -> {})
                .run(strategies);
    }

    @Test
    void takesEachStrategyFromTheResultsOfTheSameWorkloadInTheChosenOrder() throws Exception {
        Results above = measured(4, Strategies.sequential(), Strategies.fixedPool(2), Strategies.virtualThreads());
        Results other = measured(3, Strategies.fixedPool(3));
        Results reused = InteractiveMeasurement.alreadyMeasured(List.of(other, above), Workloads.simulatedIo(4, Duration.ofMillis(1)),
                List.of(Strategies.virtualThreads(), Strategies.fixedPool(2)));
        assertEquals(List.of(above.of(Strategies.virtualThreads()), above.of(Strategies.fixedPool(2))), reused.measured());
        assertSame(above.of(Strategies.fixedPool(2)), reused.measured().get(1));
        assertEquals(above.workload(), reused.workload());
    }

    @Test
    void measuresAgainWhenAStrategyOrTheWorkloadDiffers() throws Exception {
        Results above = measured(4, Strategies.fixedPool(2));
        var work = Workloads.simulatedIo(4, Duration.ofMillis(1));
        assertNull(InteractiveMeasurement.alreadyMeasured(List.of(above), work, List.of(Strategies.fixedPool(3))), "another pool size");
        assertNull(InteractiveMeasurement.alreadyMeasured(List.of(above), Workloads.simulatedIo(5, Duration.ofMillis(1)),
                List.of(Strategies.fixedPool(2))), "another task count");
        assertNull(InteractiveMeasurement.alreadyMeasured(List.of(above), Workloads.simulatedIo(4, Duration.ofMillis(2)),
                List.of(Strategies.fixedPool(2))), "another wait");
        assertNull(InteractiveMeasurement.alreadyMeasured(List.of(), work, List.of(Strategies.fixedPool(2))), "nothing given");
    }
}
