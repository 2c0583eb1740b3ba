package concurrencylab.widget;

import concurrencylab.spi.WidgetPeer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The widget models outside the kernel: their state, what they accept from a frontend, interact's runs. */
class WidgetsTest {

    @Test
    void aSliderRangeWidensToItsStartValueAndCodeIsClamped() {
        IntSlider workers = Widgets.intSlider("workers", 32, 1, 16);
        assertEquals(32, workers.max(), "a parameter of 32 keeps its slider");
        assertEquals(1, workers.min());
        workers.value(99);
        assertEquals(32, workers.value());
        assertThrows(IllegalArgumentException.class, () -> Widgets.intSlider("w", 1, 5, 2));
    }

    @Test
    void aFrontendValueIsAcceptedClampedOrRefusedInOneLine() {
        IntSlider n = Widgets.intSlider("n", 3, 1, 10);
        WidgetPeer.Received ok = n.receive(Map.of("value", 7L));
        assertEquals(Map.of("value", 7L), ok.accepted());
        assertTrue(ok.corrected().isEmpty());
        assertEquals(7, n.value());

        WidgetPeer.Received clamped = n.receive(Map.of("value", 99L));
        assertEquals(Map.of("value", 10), clamped.corrected());
        assertEquals(10, n.value());
        assertEquals(1, clamped.notes().size());
        assertTrue(clamped.notes().getFirst().contains("99 is out of range; set to 10"), clamped.notes().getFirst());

        for (Object bad : List.of("abc", 2.5, true)) {
            WidgetPeer.Received refused = n.receive(Map.of("value", bad));
            assertEquals(Map.of("value", 10), refused.corrected(), "the value held is sent back");
            assertTrue(refused.accepted().isEmpty());
            assertEquals(1, refused.notes().size());
            assertFalse(refused.notes().getFirst().contains("\n"));
            assertTrue(refused.notes().getFirst().contains("is not a whole number"), refused.notes().getFirst());
        }
        WidgetPeer.Received readOnly = n.receive(Map.of("max", 1000L));
        assertEquals(Map.of("max", 10), readOnly.corrected());
        assertTrue(readOnly.notes().getFirst().contains("max cannot be changed from the frontend"));
        assertEquals(10, n.max());
    }

    @Test
    void listenersHearFrontendAndCodeChangesOnce() {
        List<Integer> heard = new ArrayList<>();
        IntSlider n = Widgets.intSlider("n", 3, 1, 10);
        n.onChange(heard::add);
        n.receive(Map.of("value", 5L));
        n.receive(Map.of("value", 5L)); // no change
        n.value(6);
        n.receive(Map.of("value", "x")); // refused
        assertEquals(List.of(5, 6), heard);
    }

    @Test
    void logSlidersStopAtRoundNumbersAndTheirStartValue() {
        assertEquals(List.of(10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000), Widgets.intLogSlider("tasks", 100, 10, 10_000).values());
        assertEquals(List.of(1, 2, 4, 8, 16), Widgets.intLogSlider("workers", 4, 1, 16, 2).values());
        IntLogSlider odd = Widgets.intLogSlider("files", 7, 1, 100);
        assertTrue(odd.values().contains(7));
        assertEquals(7, odd.value());
        odd.receive(Map.of("index", 99L));
        assertEquals(100, odd.value(), "a position past the end is clamped to the last value");
        odd.value(45);
        assertEquals(50, odd.value(), "the nearest listed value");
        FloatLogSlider ms = Widgets.floatLogSlider("ms", 20, 1, 1000);
        assertEquals(0.0, (Double) ms.get("min"), 1e-12);
        assertEquals(3.0, (Double) ms.get("max"), 1e-12);
        ms.receive(Map.of("value", 5000.0));
        assertEquals(1000.0, ms.value(), 1e-9);
    }

    @Test
    void aDropdownRefusesAnOptionThatDoesNotExist() {
        Dropdown<String> pick = Widgets.dropdown("pick", "b", "a", "b", "c");
        assertEquals(List.of("a", "b", "c"), pick.get("_options_labels"));
        assertEquals(1, pick.get("index"));
        WidgetPeer.Received r = pick.receive(Map.of("index", 7L));
        assertEquals(Map.of("index", 1), r.corrected());
        assertTrue(r.notes().getFirst().contains("option 7 does not exist"), r.notes().getFirst());
        pick.receive(Map.of("index", 2L));
        assertEquals("c", pick.value());
        assertThrows(IllegalArgumentException.class, () -> pick.value("z"));
    }

    @Test
    void stateRefersToOtherModelsByIdAndHasTheModelsNames() {
        IntSlider n = Widgets.intSlider("n", 3, 1, 10);
        Box box = Widgets.vbox(n, Widgets.label("hi"));
        Map<String, Object> state = box.wireState();
        assertEquals("VBoxModel", state.get("_model_name"));
        assertEquals("@jupyter-widgets/controls", state.get("_model_module"));
        assertEquals("2.0.0", state.get("_model_module_version"));
        assertEquals(List.of("IPY_MODEL_" + n.id(), "IPY_MODEL_" + ((Widget) box.children().get(1)).id()), state.get("children"));
        assertEquals("IPY_MODEL_" + n.layout().id(), n.wireState().get("layout"));
        assertEquals("1.0.0", Widgets.output().wireState().get("_model_module_version"));
    }

    @Test
    void anOutputAreaMergesTextReplacesDisplaysAndClearsAtTheNextOutput() {
        Output out = Widgets.output();
        out.stream("stdout", "a");
        out.stream("stdout", "b\n");
        out.stream("stderr", "warn\n");
        out.display("p", Map.of("text/plain", "run 1/3"), Map.of());
        out.display("p", Map.of("text/plain", "run 2/3"), Map.of());
        assertEquals(3, out.outputs().size());
        assertEquals("ab\n", out.outputs().get(0).get("text"));
        assertEquals(Map.of("text/plain", "run 2/3"), out.outputs().get(2).get("data"));
        out.clear(true);
        assertEquals(3, out.outputs().size(), "kept until the next output");
        out.error("E", "bad", List.of("E: bad"));
        assertEquals(1, out.outputs().size());
        out.clear(true);
        out.settle();
        assertTrue(out.outputs().isEmpty(), "a run that showed nothing leaves the area empty");
        assertEquals(List.of(), out.get("outputs"));
    }

    @Test
    void interactRunsAtOnceThenAtEachChangeOutsideTheKernel() throws Exception {
        IntSlider n = Widgets.intSlider("n", 3, 1, 10);
        Checkbox twice = Widgets.checkbox("twice", false);
        List<String> seen = new ArrayList<>();
        Interact ui = Widgets.interact(v -> {
            seen.add(v.toString());
            return v.getBoolean("twice") ? 2 * v.getInt("n") : v.getInt("n");
        }, n, twice);
        assertEquals(List.of("n = 3, twice = false"), seen);
        assertEquals("3", ((Map<?, ?>) ui.output().outputs().getFirst().get("data")).get("text/plain"));
        twice.value(true);
        n.receive(Map.of("value", 5L));
        assertEquals(List.of("n = 3, twice = false", "n = 3, twice = true", "n = 5, twice = true"), seen);
        assertEquals("10", ((Map<?, ?>) ui.output().outputs().getFirst().get("data")).get("text/plain"));
        assertTrue(ui.status().contains("n = 5"), ui.status());
        assertThrows(IllegalArgumentException.class, () -> Widgets.interact(v -> 1, n, Widgets.intSlider("n", 1, 0, 2)));
    }

    @Test
    void valuesNameTheControlsWhenOneIsMissing() throws Exception {
        Values[] got = new Values[1];
        Widgets.interact(v -> got[0] = v, Widgets.intSlider("workers", 4, 1, 8), Widgets.dropdown("kind", "io", "io", "cpu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> got[0].getInt("threads"));
        assertEquals("no control named 'threads'; the controls are: workers, kind", e.getMessage());
        assertEquals("io", got[0].getString("kind"));
        assertThrows(IllegalArgumentException.class, () -> got[0].getInt("kind"));
    }

    @Test
    void valuesShowDecimalsShortly() {
        assertEquals("200", Widgets.text(200.0));
        assertEquals("0.1", Widgets.text(0.1));
        assertEquals("12.35", Widgets.text(12.3456));
        assertEquals("7", Widgets.text(7));
    }
}
