package concurrencylab.measure;

import concurrencylab.strategy.Strategies;
import concurrencylab.strategy.Strategy;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ResultsTest {

    /** {@code strategy} measured once at {@code millis}: its name, kind and wall time are all the table needs here. */
    private static Measured measured(Strategy strategy, long millis) {
        return new Measured(strategy, 1, Duration.ZERO, List.of(new Run(Duration.ofMillis(millis), Duration.ZERO, List.of())));
    }

    /** A notebook's own strategy, called {@code name}. */
    private static Strategy called(String name) {
        return new Strategy() {
            public String name() { return name; }
            public int workers(Workload work) { return 1; }
            public List<TaskRecord> run(Workload work, long originNanos) { return List.of(); }
        };
    }

    @Test
    void theSpeedUpIsOverTheSequentialStrategyWhateverTheOthersAreCalled() {
        // Listed first and called "sequential", a strategy of another kind is not the baseline.
        var results = new Results("waits", 8, 2, 0.1, List.of(
                measured(called("sequential"), 500), measured(Strategies.sequential(), 2000), measured(Strategies.fixedPool(4), 500)));
        assertEquals(List.of(4.0, 1.0, 4.0), results.table().doubleColumn("speed-up").asList());
    }

    @Test
    void withoutASequentialRunTheSpeedUpIsNotANumber() {
        var results = new Results("waits", 8, 2, 0.1, List.of(measured(Strategies.fixedPool(4), 500)));
        assertTrue(Double.isNaN(results.table().doubleColumn("speed-up").getDouble(0)));
    }
}
