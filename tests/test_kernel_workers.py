"""Worker JVMs started from a notebook cell: their output reaches the cell, and none outlives its
pool, its cell's interrupt, its kernel's shutdown, or its kernel being killed."""
import re
import unittest

from kernel_session import KernelSession, KernelTestCase
from test_kernel_lifecycle import alive, wait_gone

START_POOL = ("import concurrencylab.process.*;\n"
              "import concurrencylab.workload.*;\n"
              "var pool = WorkerPool.start(2);\n"
              "pool.pids()")


def pids_of(reply):
    return [int(p) for p in re.findall(r"\d+", reply.result()["text/plain"])]


class KernelWorkersTest(unittest.TestCase):
    def test_worker_output_streams_into_the_cell_and_close_stops_them(self):
        k = KernelSession()
        try:
            pids = pids_of(k.run(START_POOL))
            self.assertEqual(2, len(pids))
            self.assertTrue(all(alive(p) for p in pids))
            r = k.run("pool.run(Workloads.simulatedIo(2, Duration.ofMillis(10)), 1, System.nanoTime()).size()")
            self.assertEqual("2", r.result()["text/plain"])
            k.run("pool.close();")
            self.assertTrue(all(wait_gone(p, 5) for p in pids), "close() ends every worker")
        finally:
            k.close()

    def test_interrupting_the_cell_stops_its_worker_jvms(self):
        k = KernelSession()
        try:
            pids = pids_of(k.run(START_POOL))
            content, _ = k.interrupt_after("pool.run(Workloads.simulatedIo(2, Duration.ofSeconds(60)), 1, System.nanoTime());", 1.0)
            self.assertEqual("Interrupted", content["ename"])
            self.assertTrue(all(wait_gone(p, 5) for p in pids), "an interrupt stops the cell's worker JVMs")
        finally:
            k.close()

    def test_kernel_shutdown_and_kill_leave_no_worker_behind(self):
        for how in ("shutdown", "SIGKILL"):
            with self.subTest(how=how):
                k = KernelSession()
                pids = pids_of(k.run(START_POOL))
                kernel = k.end(how)
                self.assertTrue(wait_gone(kernel, 10))
                self.assertTrue(all(wait_gone(p, 10) for p in pids), f"worker JVMs left after kernel {how}")

    def test_worker_prints_appear_live_in_the_cell(self):
        k = KernelSession()
        try:
            pids = pids_of(k.run(START_POOL))
            r = k.run("pool.run(Workloads.printing(Workloads.simulatedIo(4, Duration.ofMillis(400))), 1, System.nanoTime()).size()")
            self.assertEqual("4", r.result()["text/plain"])
            out = r.stream()
            for i in range(4):
                self.assertRegex(out, rf"\[worker-jvm-(\d+)\] task {i} starts in process \1 on main")
            self.assertTrue(set(int(p) for p in re.findall(r"worker-jvm-(\d+)", out)) <= set(pids))
            starts = [m["received"] for m in r.outputs if m["msg_type"] == "stream" and "starts" in m["content"]["text"]]
            self.assertGreater(starts[-1] - starts[0], 0.3, "the second wave's lines came while the cell ran, not at its end")
        finally:
            k.close()


class CellCodeInWorkersTest(KernelTestCase):
    """What Python notebooks cannot do with spawn: code typed in a cell runs in worker processes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.k.run("import concurrencylab.process.*;\nvar pool = WorkerPool.start(2);")

    @classmethod
    def tearDownClass(cls):
        cls.k.run("pool.close();")
        super().tearDownClass()

    def result(self, code):
        r = self.k.run(code)
        self.assertEqual("ok", r.status, r.error())
        return r.result()["text/plain"]

    def test_a_lambda_from_a_cell(self):
        self.assertEqual("[1, 4, 9, 16]", self.result("pool.map((Integer x) -> x * x, List.of(1, 2, 3, 4), 1)"))

    def test_a_method_and_a_record_defined_in_cells(self):
        self.k.run("int cube(int x) { return x * x * x; }\nrecord Where(int value, long pid) implements java.io.Serializable {}")
        out = self.result("pool.map((Integer x) -> new Where(cube(x), ProcessHandle.current().pid()), List.of(2, 3), 1)")
        m = re.fullmatch(r"\[Where\[value=8, pid=(\d+)\], Where\[value=27, pid=(\d+)\]\]", out)
        self.assertIsNotNone(m, out)
        kernel = str(self.k.km.provisioner.process.pid)
        self.assertNotIn(kernel, (m.group(1), m.group(2)), "computed in a worker process, not the kernel")

    def test_cell_variables_are_copied_as_they_are_at_the_call(self):
        self.k.run("int factor = 3;")
        self.assertEqual("[3, 6]", self.result("pool.map((Integer x) -> x * factor, List.of(1, 2), 1)"))
        self.k.run("factor = 10;")
        self.assertEqual("[10, 20]", self.result("pool.map((Integer x) -> x * factor, List.of(1, 2), 1)"))

    def test_a_failing_call_names_its_input(self):
        r = self.k.run("pool.map((Integer x) -> 10 / x, List.of(1, 0, 5), 1)")
        self.assertEqual("error", r.status)
        self.assertRegex(r.error()["evalue"], r"call 1 \(input 0\) failed in worker-jvm-\d+: java.lang.ArithmeticException: / by zero")

    def test_preview_code_from_a_cell_runs_in_a_worker(self):
        # The kernel compiles with preview on, so the worker JVMs must load preview class files too.
        self.k.run("int viaScope(int x) throws Exception {\n"
                   "  try (var scope = java.util.concurrent.StructuredTaskScope.open()) {\n"
                   "    var t = scope.fork(() -> x + 1);\n    scope.join();\n    return t.get();\n  }\n}")
        self.assertEqual("[2, 3]", self.result("pool.map((Integer x) -> { try { return viaScope(x); } "
                                               "catch (Exception e) { throw new RuntimeException(e); } }, List.of(1, 2), 1)"))


class PreviewFeaturesTest(KernelTestCase):
    """StructuredTaskScope is a preview API in Java 25; the kernel turns preview on."""

    def test_structured_task_scope_in_a_cell(self):
        r = self.k.run("try (var scope = StructuredTaskScope.open()) {\n"
                       "    var a = scope.fork(() -> 20);\n    var b = scope.fork(() -> 22);\n"
                       "    scope.join();\n    System.out.println(a.get() + b.get());\n}")
        self.assertEqual("ok", r.status, r.error())
        self.assertEqual("42\n", r.stream())

    def test_the_library_strategy_is_available(self):
        self.k.run("import concurrencylab.strategy.*;\nimport concurrencylab.workload.*;")
        r = self.k.run("Strategies.structuredTaskScope().run(Workloads.simulatedIo(50, Duration.ofMillis(100)), "
                       "System.nanoTime()).size()")
        self.assertEqual("ok", r.status, r.error())
        self.assertEqual("50", r.result()["text/plain"])


if __name__ == "__main__":
    unittest.main()
