package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WaitForDrawingTest {

    @Test
    void drawsEveryThreadAndLockAsWellFormedSvgAndSaysTheCycleInText() throws Exception {
        var a = new LockRef("java.lang.Object", 0xa);
        var b = new LockRef("java.util.concurrent.locks.ReentrantLock$NonfairSync", 0xb);
        var t1 = new ThreadRow(1, "teller <1>", false, Thread.State.BLOCKED, new Waiting(Waiting.Kind.MONITOR, a), 2, "teller-2",
                List.of(new ThreadRow.Held(b, -1)), 0, List.of(), 4, false);
        var t2 = new ThreadRow(2, "teller-2", true, Thread.State.WAITING, new Waiting(Waiting.Kind.LOCK, b), 1, "teller <1>",
                List.of(new ThreadRow.Held(a, 0)), -1, List.of(), 4, false);
        var deadlock = Deadlock.of(List.of(t2, t1));
        var report = new DeadlockReport(deadlock, new ThreadWords(CellLines.NONE, LockNames.none()));
        String svg = report.drawing().rich();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(4, doc.getElementsByTagName("line").getLength(), "waiter -> lock -> holder, twice");
        assertTrue(svg.contains("teller &lt;1&gt;"), "names escaped");
        assertTrue(svg.contains("ReentrantLock@b") && svg.contains("Object@a"));
        assertEquals("wait-for cycle: teller <1> -> waits for Object@a, held by -> teller-2 -> waits for ReentrantLock@b, held by -> teller <1>",
                report.drawing().toString());
        String text = report.toString();
        assertTrue(text.startsWith("Deadlock: 2 threads wait for each other, and none can go on."), text);
        assertTrue(text.contains("\"teller-2\" (virtual, started in cell [4]) waits to lock ReentrantLock@b, held by \"teller <1>\""), text);
        assertTrue(text.contains("looks at platform threads only"), "a virtual thread in the cycle: says how it was found");
        assertTrue(report.rich().contains("<table>"));
    }
}
