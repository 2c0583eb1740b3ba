package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PinningReportTest {
    private static final StackTraceElement POST = new StackTraceElement("java.lang.VirtualThread", "postPinnedEvent", null, -2);
    private static final StackTraceElement SLEEP = new StackTraceElement("java.lang.Thread", "sleep", null, 540);

    @Test
    void namesWhatPinnedTheThreadAndGroupsThePins() {
        var clinit = List.of(POST, SLEEP, new StackTraceElement("REPL.$JShell$14$SlowInit", "<clinit>", null, 3));
        var forName = List.of(POST, SLEEP, new StackTraceElement("REPL.$JShell$9$SlowLoader", "loadClass", null, 4),
                new StackTraceElement("java.lang.Class", "forName0", null, -2), new StackTraceElement("java.lang.Class", "forName", null, 547));
        var pins = List.of(
                new PinningRecorder.Pin(30_000_000, "VM call to REPL.$JShell$14$SlowInit.<clinit> on stack", "LockSupport.park", 40, clinit),
                new PinningRecorder.Pin(10_000_000, "Native or VM frame on stack", "LockSupport.park", 41, forName),
                new PinningRecorder.Pin(20_000_000, "Native or VM frame on stack", "LockSupport.park", 42, forName));
        var report = new PinningReport(pins, CellLines.NONE, 400_000_000);
        assertEquals(3, report.count());
        assertEquals("class initialiser SlowInit.<clinit>", report.pinnedBy(clinit));
        assertEquals("native method Class.forName0", report.pinnedBy(forName));
        String text = report.toString();
        assertTrue(text.startsWith("Virtual threads were pinned 3 times while the cell ran, 60 ms in all (longest 30 ms)"), text);
        assertTrue(text.contains("2 x, 30 ms in all, longest 20 ms: pinned by native method Class.forName0; blocked in Thread.sleep"), text);
        assertTrue(text.contains("the JDK's reason: VM call to SlowInit.<clinit> on stack"), text);
        assertTrue(report.rich().contains("<table>"));
    }

    @Test
    void saysSoWhenNothingWasPinned() {
        var report = new PinningReport(List.of(), CellLines.NONE, 1_000_000);
        assertTrue(report.toString().startsWith("No virtual thread was pinned while the cell ran."));
        assertFalse(report.rich().contains("<table>"));
    }
}
