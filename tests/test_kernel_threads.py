"""The thread microscope over the protocol: %threads, the deadlock watch while a cell runs, the interrupt's
error naming the threads it could not stop, and %%pinning (issue 21)."""
import re
import time
import unittest

from kernel_session import KernelTestCase

# Each thread takes its first lock, all meet at the barrier (printing that they did), then each takes the
# next thread's lock: a deadlock, formed at the moment of the print.
SYNCHRONIZED_PAIR = """\
Object left = new Object(), right = new Object();
var bothHoldOne = new CyclicBarrier(2, () -> System.out.println("each holds one lock"));
Thread t1 = new Thread(() -> {
    synchronized (left) {
        try { bothHoldOne.await(); } catch (Exception e) { }
        synchronized (right) { System.out.println("t1 got both"); }
    }
}, "sync-1");
Thread t2 = new Thread(() -> {
    synchronized (right) {
        try { bothHoldOne.await(); } catch (Exception e) { }
        synchronized (left) { System.out.println("t2 got both"); }
    }
}, "sync-2");
t1.start(); t2.start();
t1.join();
"""

REENTRANT_PAIR = """\
var lockA = new ReentrantLock();
var lockB = new ReentrantLock();
var eachHoldsOne = new CyclicBarrier(2, () -> System.out.println("each holds one lock"));
Runnable ab = () -> { lockA.lock(); try { eachHoldsOne.await(); lockB.lock(); } catch (Exception e) { } };
Runnable ba = () -> { lockB.lock(); try { eachHoldsOne.await(); lockA.lock(); } catch (Exception e) { } };
Thread r1 = new Thread(ab, "reentrant-1"), r2 = new Thread(ba, "reentrant-2");
r1.start(); r2.start();
r1.join();
"""

# Three virtual threads, each holding one monitor and wanting the next: a cycle the JDK's own detection
# (platform threads only) cannot see; the watch finds it in the JSON thread dump.
VIRTUAL_TRIANGLE = """\
Object[] forks = {new Object(), new Object(), new Object()};
var allHoldOne = new CyclicBarrier(3, () -> System.out.println("each holds one lock"));
List<Thread> diners = new ArrayList<>();
for (int i = 0; i < 3; i++) {
    int me = i;
    diners.add(Thread.ofVirtual().name("diner-" + i).start(() -> {
        synchronized (forks[me]) {
            try { allHoldOne.await(); } catch (Exception e) { }
            synchronized (forks[(me + 1) % 3]) { System.out.println("ate"); }
        }
    }));
}
diners.get(0).join();
"""


class ThreadTableTest(KernelTestCase):
    def test_threads_shows_platform_and_virtual_threads_with_the_holder_and_the_waiter_of_a_lock(self):
        r = self.k.run("Object tableLock = new Object();\n"
                       "var release = new CountDownLatch(1);\n"
                       "Thread holder = new Thread(() -> { synchronized (tableLock) { try { release.await(); } catch (InterruptedException e) { } } }, \"lock-holder\");\n"
                       "holder.start();\n"
                       "while (holder.getState() != Thread.State.WAITING) Thread.sleep(5);\n"
                       "Thread waiter = Thread.ofVirtual().name(\"lock-waiter\").start(() -> { synchronized (tableLock) { } });\n"
                       "while (waiter.getState() != Thread.State.BLOCKED) Thread.sleep(5);\n"
                       "Thread.sleep(1100); // the deadlock watch looks once")
        self.assertEqual("ok", r.status, r.error())
        count = r.reply["content"]["execution_count"]
        try:
            table = self.k.run("%threads").result()
            html, text = table["text/html"], table["text/plain"]
            rows = {m.group(1): m.group(0) for m in re.finditer(r"<tr><td[^>]*><b>([^<]+)</b>.*?</tr>", html)}
            self.assertIn("lock-holder", rows, html)
            self.assertIn("lock-waiter", rows, html)
            holder, waiter = rows["lock-holder"], rows["lock-waiter"]
            # holder: platform, waits on the latch, holds the lock; its frame in cell lines
            for cell in ("platform", "WAITING", "CountDownLatch.await", "tableLock", f"cell [{count}]", f"cell [{count}] line 3"):
                self.assertIn(cell, holder)
            # waiter: virtual, blocked on the monitor, which the holder holds
            for cell in ("virtual", "BLOCKED", "synchronized tableLock", "lock-holder", f"cell [{count}] line 6"):
                self.assertIn(cell, waiter)
            self.assertRegex(holder, r"\d+(\.\d+)? ms", "a platform thread's CPU time")
            self.assertIn("n/a", waiter, "the JDK measures no CPU time of a virtual thread")
            self.assertRegex(text, r"lock-waiter\s+virtual\s+BLOCKED\s+synchronized tableLock\s+lock-holder")
            self.assertIn("Deadlock watch:", text, "the watch looked while the first cell ran")
            self.assertNotIn("shell", rows, "the kernel's own threads are not the notebook's")
        finally:
            self.k.run("release.countDown();\nholder.join();\nwaiter.join();")

    def test_threads_all_lists_the_kernels_threads_too_and_a_bad_argument_is_named(self):
        text = self.k.run("%threads --all").result()["text/plain"]
        self.assertRegex(text, r"\d+ threads in the JVM")
        self.assertRegex(text, r"\n(shell|main)\s+platform")
        r = self.k.run("%threads --everything")
        self.assertEqual("MagicError", r.error()["ename"])
        self.assertIn("'--everything'", r.error()["evalue"])


class DeadlockWatchTest(KernelTestCase):
    """Each deadlock is shown in the cell within 2 s of forming, while the cell runs, as a table and as a drawn
    cycle; the interrupt's error names the threads again; %threads keeps listing them."""

    def run_into_deadlock(self, code):
        """Runs `code` until the watch shows a deadlock, then interrupts it. Returns the report's text, the
        drawing's SVG, the seconds from the deadlock forming (the barrier's print) to the report, and the
        interrupt's error."""
        msg_id = self.k.kc.execute(code)
        formed = report = svg = None
        deadline = time.monotonic() + 15
        while (report is None or svg is None) and time.monotonic() < deadline:
            msg = self.k.kc.get_iopub_msg(timeout=15)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            content = msg["content"]
            if msg["msg_type"] == "stream" and "each holds one lock" in content["text"]:
                formed = time.monotonic()
            elif msg["msg_type"] == "display_data" and "image/svg+xml" in content["data"]:
                svg = content["data"]["image/svg+xml"]
            elif msg["msg_type"] == "display_data" and "Deadlock" in content["data"].get("text/plain", ""):
                report = content["data"]
                found = time.monotonic()
            elif msg["msg_type"] in ("error", "execute_result"):
                self.fail(f"the cell ended before a deadlock was shown: {content}")
        self.assertIsNotNone(formed, "the threads met at the barrier")
        self.assertIsNotNone(report, "a deadlock report within 15 s")
        self.assertIsNotNone(svg, "the drawn cycle")
        self.k.km.interrupt_kernel()
        while True:
            reply = self.k.kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.k.iopub_left(0.3)
        took = found - formed
        print(f"\n    deadlock shown {took:.2f} s after it formed", end=" ")
        return report, svg, took, reply["content"]

    def assert_deadlock(self, code, threads, waits, locks):
        report, svg, took, error = self.run_into_deadlock(code)
        self.assertLess(took, 2.0, "shown within 2 s while the cell runs")
        text = report["text/plain"]
        self.assertIn(f"Deadlock: {len(threads)} threads wait for each other", text)
        for t in threads:
            self.assertIn(f'"{t}"', text)
            self.assertIn(t, report["text/html"])
            self.assertIn(t, svg)
        for lock in locks:
            self.assertIn(lock, text, "locks named after the cell's variables")
        self.assertIn(waits, text)
        self.assertRegex(text, r"at cell \[\d+\] line \d+")
        self.assertIn("ignores interrupts", text)
        self.assertTrue(svg.startswith("<svg") and "waits for" in svg and "held by" in svg, svg[:200])
        # the interrupt's error names them again
        self.assertEqual("error", error["status"])
        self.assertEqual("Interrupted", error["ename"])
        self.assertIn(f"{len(threads)} of its threads cannot be stopped (deadlocked)", error["evalue"])
        traceback = "\n".join(error["traceback"])
        for t in threads:
            self.assertIn(f'"{t}"', traceback)
        self.assertIn("Deadlock:", traceback)
        # and %threads lists them still
        table = self.k.run("%threads").result()["text/plain"]
        for t in threads:
            self.assertRegex(table, re.escape(t) + r"\s.*deadlocked, survived cell \[\d+\]'s interrupt")
        return text

    def test_synchronized(self):
        text = self.assert_deadlock(SYNCHRONIZED_PAIR, ["sync-1", "sync-2"], "waits to enter synchronized", ["left", "right"])
        self.assertIn("(platform", text)

    def test_reentrant_lock(self):
        self.assert_deadlock(REENTRANT_PAIR, ["reentrant-1", "reentrant-2"], "waits to lock", ["lockA", "lockB"])

    def test_three_virtual_threads_in_a_cycle(self):
        text = self.assert_deadlock(VIRTUAL_TRIANGLE, ["diner-0", "diner-1", "diner-2"], "waits to enter synchronized",
                                    ["forks[0]", "forks[1]", "forks[2]"])
        self.assertIn("3 threads wait for each other in a cycle", text)
        self.assertIn("(virtual", text)
        self.assertIn("looks at platform threads only", text, "says how it found what the JDK's detection does not see")

    def test_virtual_threads_in_a_reentrant_lock_cycle_are_told_as_what_the_jdk_cannot_name(self):
        # The JDK names no virtual thread as the holder of a java.util.concurrent lock: the cell is told so
        # once they have waited 2 s, the locks named after the cell's variables, and the interrupt says it too.
        msg_id = self.k.kc.execute(REENTRANT_PAIR.replace("new Thread(ab, \"reentrant-1\")", "Thread.ofVirtual().name(\"v-1\").unstarted(ab)")
                                   .replace("new Thread(ba, \"reentrant-2\")", "Thread.ofVirtual().name(\"v-2\").unstarted(ba)"))
        told = None
        deadline = time.monotonic() + 12
        while told is None and time.monotonic() < deadline:
            msg = self.k.kc.get_iopub_msg(timeout=12)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream" and "Possibly deadlocked" in msg["content"]["text"]:
                told = msg["content"]["text"]
        self.assertIsNotNone(told, "virtual threads waiting for unnamed holders are told within 12 s")
        self.assertIn("2 virtual threads have waited", told)
        self.assertIn("the JDK does not name", told)
        self.assertRegex(told, r'\n  "v-2" \(virtual, started in cell \[\d+\]\) WAITING, waits to lock lockA .* at cell \[\d+\] line 5')
        self.k.km.interrupt_kernel()
        while True:
            reply = self.k.kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.k.iopub_left(0.3)
        traceback = "\n".join(reply["content"]["traceback"])
        self.assertIn("2 of its threads cannot be stopped", reply["content"]["evalue"])
        self.assertRegex(traceback, r'"v-1" \(virtual, started in cell \[\d+\]\) WAITING, waits to lock lockB \(ReentrantLock@\w+\)')
        self.assertIn("held by a thread the JDK does not name", traceback)

    def test_threads_that_wait_on_a_queue_a_latch_a_lock_or_sleep_are_no_deadlock(self):
        code = ("var queue = new LinkedBlockingQueue<String>();\n"
                "var gate = new CountDownLatch(1);\n"
                "var busyLock = new ReentrantLock();\n"
                "Thread taker = new Thread(() -> { try { queue.take(); } catch (InterruptedException e) { } }, \"taker\");\n"
                "Thread sleeper = new Thread(() -> { busyLock.lock(); try { Thread.sleep(2500); } catch (InterruptedException e) { } finally { busyLock.unlock(); } }, \"sleeper\");\n"
                "Thread lockWaiter = new Thread(() -> { busyLock.lock(); busyLock.unlock(); }, \"lock-waiter\");\n"
                "Thread gateWaiter = Thread.ofVirtual().start(() -> { try { gate.await(); } catch (InterruptedException e) { } });\n"
                "taker.start(); sleeper.start(); Thread.sleep(50); lockWaiter.start(); Thread.sleep(2500);\n"
                "queue.put(\"done\"); gate.countDown();\n"
                "for (Thread t : List.of(taker, sleeper, lockWaiter, gateWaiter)) t.join();\n"
                "\"no deadlock\"")
        r = self.k.run(code)
        self.assertEqual("ok", r.status, r.error())
        self.assertEqual("no deadlock", r.result()["text/plain"])
        shown = [d for d in r.displays() if "Deadlock" in d.get("text/plain", "") or "image/svg+xml" in d]
        self.assertEqual([], shown, "waiting is no deadlock")


class PinningTest(KernelTestCase):
    """%%pinning records JFR's jdk.VirtualThreadPinned events while the cell runs. On JDK 25 a native frame and a
    class initialiser on a virtual thread's stack pin it; synchronized no longer does (JEP 491)."""

    def pinning(self, code):
        r = self.k.run("%%pinning\n" + code)
        self.assertEqual("ok", r.status, r.error())
        reports = [d for d in r.displays() if "pinned" in d.get("text/plain", "")]
        self.assertEqual(1, len(reports), r.displays())
        return reports[0]

    def test_a_native_frame_pins(self):
        report = self.pinning(
            "import java.lang.foreign.*;\n"
            "import java.lang.invoke.*;\n"
            "class SlowCompare {\n"
            "    static int compare(MemorySegment a, MemorySegment b) {\n"
            "        try { Thread.sleep(20); } catch (InterruptedException e) { }\n"
            "        return Integer.compare(a.get(ValueLayout.JAVA_INT, 0), b.get(ValueLayout.JAVA_INT, 0));\n"
            "    }\n"
            "}\n"
            "Thread.ofVirtual().start(() -> {\n"
            "    try (Arena arena = Arena.ofConfined()) {\n"
            "        Linker c = Linker.nativeLinker();\n"
            "        MethodHandle qsort = c.downcallHandle(c.defaultLookup().find(\"qsort\").orElseThrow(),\n"
            "                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));\n"
            "        var element = ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT);\n"
            "        MemorySegment compare = c.upcallStub(MethodHandles.lookup().findStatic(SlowCompare.class, \"compare\",\n"
            "                MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class)),\n"
            "                FunctionDescriptor.of(ValueLayout.JAVA_INT, element, element), arena);\n"
            "        qsort.invokeExact(arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2), 3L, 4L, compare);\n"
            "    } catch (Throwable t) { throw new RuntimeException(t); }\n"
            "}).join();")
        text = report["text/plain"]
        self.assertRegex(text, r"Virtual threads were pinned (\d+ times|once)")
        self.assertIn("native code that called back into Java", text)
        self.assertIn("Thread.sleep", text)
        self.assertRegex(text, r"compare \(cell \[\d+\] line 6\)")
        self.assertIn("<table>", report["text/html"])

    def test_a_class_initialiser_pins(self):
        text = self.pinning(
            "class SlowInit {\n"
            "    static { try { Thread.sleep(30); } catch (InterruptedException e) { } }\n"
            "    static void touch() { }\n"
            "}\n"
            "Thread.ofVirtual().start(SlowInit::touch).join();")["text/plain"]
        self.assertIn("Virtual threads were pinned once", text)
        self.assertRegex(text, r"class initialiser SlowInit.<clinit> \(cell \[\d+\] line 3\)")

    def test_synchronized_no_longer_pins(self):
        text = self.pinning(
            "Object monitor = new Object();\n"
            "Thread.ofVirtual().start(() -> { synchronized (monitor) { try { Thread.sleep(30); } catch (InterruptedException e) { } } }).join();\n"
            "\"slept in synchronized\"")["text/plain"]
        self.assertIn("No virtual thread was pinned while the cell ran.", text)
        self.assertIn("JEP 491", text)


if __name__ == "__main__":
    unittest.main()
