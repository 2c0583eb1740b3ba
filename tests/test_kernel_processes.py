"""Child JVMs, queues, pipes and shared values used from notebook cells: code typed in a cell runs in
the child, its output streams into the cell, and no child outlives its cell's interrupt or its kernel."""
import re
import unittest

from kernel_session import KernelSession, KernelTestCase
from test_kernel_lifecycle import alive, wait_gone

IMPORTS = "import concurrencylab.process.*;"


class ProcessesInCellsTest(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.k.run(IMPORTS)

    def ok(self, code):
        r = self.k.run(code)
        self.assertEqual("ok", r.status, r.error())
        return r

    def test_a_cell_lambda_runs_in_a_child_and_prints_into_the_cell_live(self):
        r = self.ok("var child = JvmProcess.start(() -> {\n"
                    "    for (int i = 0; i < 3; i++) { System.out.println(\"tick \" + i); Thread.sleep(300); }\n"
                    "});\nchild.join()")
        self.assertEqual("0", r.result()["text/plain"])
        pid = int(self.ok("child.pid()").result()["text/plain"])
        self.assertNotEqual(self.k.km.provisioner.process.pid, pid)
        for i in range(3):
            self.assertIn(f"[jvm-{pid}] tick {i}\n", r.stream())
        ticks = [m["received"] for m in r.outputs if m["msg_type"] == "stream" and "tick" in m["content"]["text"]]
        self.assertGreater(ticks[-1] - ticks[0], 0.4, "the ticks arrived while the child ran, not at its end")

    def test_a_record_from_a_cell_travels_through_a_queue_and_a_pipe(self):
        self.ok("record Point(int x, int y) implements java.io.Serializable {}")
        self.ok("ProcessQueue<Point> points = ProcessQueue.create();\n"
                "var pipe = ProcessPipe.open();\nvar childEnd = pipe.childEnd();")
        self.ok("var child = JvmProcess.start(() -> {\n"
                "    points.put(new Point(1, 2));\n"
                "    Point p = (Point) childEnd.receive();\n"
                "    childEnd.send(new Point(p.y(), p.x()));\n"
                "});")
        self.assertEqual("Point[x=1, y=2]", self.ok("points.take()").result()["text/plain"])
        self.ok("pipe.parentEnd().send(new Point(3, 4));")
        self.assertEqual("Point[x=4, y=3]", self.ok("pipe.parentEnd().receive()").result()["text/plain"])
        self.assertEqual("0", self.ok("child.join()").result()["text/plain"])
        self.ok("points.close(); pipe.close();")

    def test_lost_updates_are_counted_across_processes(self):
        self.ok("long count(String how) throws Exception {\n"
                "  try (var counter = SharedLong.create(0); var gate = SharedLong.create(0)) {\n"
                "    var kids = new ArrayList<JvmProcess>();\n"
                "    for (int c = 0; c < 2; c++) kids.add(JvmProcess.start(() -> {\n"
                "      gate.getAndAdd(1); while (gate.get() < 2) Thread.onSpinWait();\n"
                "      for (int i = 0; i < 1_000_000; i++) {\n"
                "        if (how.equals(\"plain\")) counter.set(counter.get() + 1); else counter.getAndAdd(1);\n"
                "      }\n"
                "    }));\n"
                "    for (var k : kids) k.join();\n"
                "    return counter.get();\n"
                "  }\n}")
        plain = int(self.ok('count("plain")').result()["text/plain"])
        self.assertLess(plain, 2_000_000, "two processes doing get-then-set lost no update")
        self.assertEqual("2000000", self.ok('count("atomic")').result()["text/plain"])


class ProcessLifetimeTest(unittest.TestCase):
    def start_sleeper(self, k):
        r = k.run(IMPORTS + "\nvar sleeper = JvmProcess.start(() -> Thread.sleep(60_000));\nsleeper.pid()")
        pid = int(r.result()["text/plain"])
        self.assertTrue(alive(pid))
        return pid

    def test_interrupting_join_stops_the_child(self):
        k = KernelSession()
        try:
            pid = self.start_sleeper(k)
            content, _ = k.interrupt_after("sleeper.join();", 1.0)
            self.assertEqual("Interrupted", content["ename"])
            self.assertTrue(wait_gone(pid, 5), "the child outlived its cell's interrupt")
        finally:
            k.close()

    def test_kernel_shutdown_and_kill_leave_no_child_behind(self):
        for how in ("shutdown", "SIGKILL"):
            with self.subTest(how=how):
                k = KernelSession()
                pid = self.start_sleeper(k)
                kernel = k.end(how)
                self.assertTrue(wait_gone(kernel, 10))
                self.assertTrue(wait_gone(pid, 10), f"a child JVM was left after kernel {how}")


if __name__ == "__main__":
    unittest.main()
