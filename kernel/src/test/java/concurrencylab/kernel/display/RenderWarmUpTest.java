package concurrencylab.kernel.display;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderers' warm-up draws, encodes and writes for real: every step makes something, headless. */
class RenderWarmUpTest {

    @Test
    void everyStepRendersSomething() {
        var steps = RenderWarmUp.steps();
        assertEquals(List.of("java2d", "bar chart", "line chart", "table"), steps.stream().map(RenderWarmUp.Step::name).toList());
        for (var step : steps) {
            int size = step.render();
            // a PNG of 8x8 pixels is some 80 bytes; the charts' Base64 PNGs and the table's HTML are kilobytes
            assertTrue(size > 50, step.name() + " rendered " + size);
        }
    }
}
