"""Interrupts (interrupt_mode message) stop what a cell runs, including the threads it started."""
import time
import unittest

from kernel_session import KernelTestCase, cpu_seconds, wait_until_quiet


class InterruptTest(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.k.run("int before = 41;")

    def interrupt_after(self, code, delay=0.7):
        content, took = self.k.interrupt_after(code, delay)
        print(f"\n    interrupt to reply: {took * 1000:.0f} ms", end=" ")
        return content, took

    def assert_interrupted(self, content, took):
        self.assertEqual("error", content["status"])
        self.assertEqual("Interrupted", content["ename"])
        self.assertIn("interrupted", content["evalue"])
        self.assertLess(took, 2.0, "orders of magnitude: well under a second is expected")
        # the kernel goes on, with its definitions
        self.assertEqual("42", self.k.run("before + 1").result()["text/plain"])

    def test_busy_loop(self):
        self.assert_interrupted(*self.interrupt_after("long n = 0; while (true) { n++; }"))

    def test_sleep(self):
        self.assert_interrupted(*self.interrupt_after("Thread.sleep(60_000);"))

    def test_blocking_queue_take(self):
        self.assert_interrupted(*self.interrupt_after("new LinkedBlockingQueue<String>().take();"))

    def test_join(self):
        self.assert_interrupted(*self.interrupt_after(
            "Thread spinner = new Thread(() -> { while (true) { } });\nspinner.start();\nspinner.join();"))

    def test_threads_one_statement_started_and_the_next_joins_are_interrupted_too(self):
        # Each statement of a cell runs as a snippet of its own; the interrupt is the whole cell's.
        code = ("var gate = new java.util.concurrent.locks.ReentrantLock();\ngate.lock();\n"
                "var waiters = new ArrayList<Thread>();\n"
                "for (int i = 0; i < 2; i++) waiters.add(Thread.ofPlatform().start(() -> {\n"
                "    try { gate.lockInterruptibly(); } catch (InterruptedException e) { System.out.println(\"waiter interrupted\"); }\n"
                "}));\n"
                "for (var w : waiters) w.join();")
        self.assert_interrupted(*self.interrupt_after(code, delay=1.5))
        r = self.k.run("for (var w : waiters) w.join(5_000);\nwaiters.stream().filter(Thread::isAlive).count()")
        self.assertEqual("0", r.result()["text/plain"], "both waiters ended")

    def test_interrupt_between_two_snippets_stops_the_rest_of_the_cell(self):
        # 300 short snippets: the interrupt most likely lands while one is being compiled
        code = "\n".join("Thread.sleep(5);" for _ in range(300))
        self.assert_interrupted(*self.interrupt_after(code, delay=1.0))

    def test_future_get_and_two_spinning_pool_threads_stop_using_cpu(self):
        code = ("var spinPool = Executors.newFixedThreadPool(2);\n"
                "for (int i = 0; i < 2; i++) spinPool.submit(() -> { long x = 0; while (true) { x++; } });\n"
                "spinPool.submit(() -> 1).get();")
        wait_until_quiet(self.k.km.provisioner.process.pid)
        content, took = self.interrupt_after(code, delay=1.0)
        self.assert_interrupted(content, took)
        pid = self.k.km.provisioner.process.pid
        time.sleep(1.0)  # let the JIT and GC settle after the interrupt: their CPU is not the spinners'
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(1.0)
        busy = (cpu_seconds(pid) - c0) / (time.monotonic() - t0)
        print(f"cores busy after the interrupt: {busy:.2f}", end=" ")
        # Two spinners keep 2 cores busy, one keeps 1; a stopped pool leaves the kernel near 0.
        self.assertLess(busy, 0.5, "the two spinning pool threads must stop, not keep two cores busy")

    def test_interrupt_when_idle_stops_threads_a_finished_cell_left_spinning(self):
        wait_until_quiet(self.k.km.provisioner.process.pid)
        r = self.k.run("var leftover = Executors.newFixedThreadPool(2);\n"
                       "for (int i = 0; i < 2; i++) leftover.submit(() -> { long x = 0; while (true) { x++; } });")
        self.assertEqual("ok", r.status)
        pid = self.k.km.provisioner.process.pid
        time.sleep(0.5)
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(0.5)
        # Two spinners use 2 cores on a quiet machine; above 0.6 they surely run (an idle kernel uses ~0),
        # and a busy host's steal time took one run here to 0.98.
        self.assertGreater((cpu_seconds(pid) - c0) / (time.monotonic() - t0), 0.6, "two threads spin")
        self.k.km.interrupt_kernel()
        time.sleep(0.5)
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(1.0)
        self.assertLess((cpu_seconds(pid) - c0) / (time.monotonic() - t0), 0.3)
        self.assertEqual("42", self.k.run("before + 1").result()["text/plain"])

    def test_cell_time_limit_stops_a_cell_like_an_interrupt(self):
        r = self.k.run("%cell_timeout 0.5")
        self.assertIn("0.5 s", r.stream())
        t0 = time.monotonic()
        r = self.k.run("while (true) { }")
        took = time.monotonic() - t0
        self.k.run("%cell_timeout off")
        self.assertEqual("TimeLimitExceeded", r.error()["ename"])
        self.assertIn("time limit of 0.5 s", r.error()["evalue"])
        self.assertLess(took, 3.0)
        self.assertEqual("42", self.k.run("before + 1").result()["text/plain"])
        r = self.k.run("%cell_timeout soon")
        self.assertEqual("malformed magic '%cell_timeout soon': 'soon' is not a positive number of seconds or off",
                         r.error()["evalue"])


class StoppedThreadsEndQuietlyTest(KernelTestCase):
    """A thread an interrupt stops ends without printing anything: since JDK 20 thread groups no longer
    drop a ThreadDeath silently, so the stop checks' error is the kernel's own. Raw threads, pool threads
    and virtual threads alike (the last report to the default handler, not to the cell's thread group)."""

    def assert_stopped_quietly(self, start_spinner):
        code = ("var spins = new AtomicLong();\n" + start_spinner + "\n"
                "while (spins.get() == 0) Thread.sleep(10);\nSystem.out.println(\"spinning\");\nThread.sleep(60_000);")
        outputs = []
        content, _ = self.k.interrupt_after(code, 0.2, outputs, printed="spinning")
        self.assertEqual("Interrupted", content["ename"])
        outputs += self.k.iopub_left()
        r = self.k.run("long before = spins.get();\nThread.sleep(300);\nspins.get() - before")
        self.assertEqual("0", r.result()["text/plain"], "the spinning thread was stopped")
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream") + r.stream("stderr")
        self.assertEqual("spinning\n", printed, "a stopped thread prints nothing")

    def test_raw_thread(self):
        self.assert_stopped_quietly("new Thread(() -> { while (true) spins.incrementAndGet(); }).start();")

    def test_platform_thread_pool(self):
        self.assert_stopped_quietly("var pool = Executors.newFixedThreadPool(1);\n"
                                    "pool.execute(() -> { while (true) spins.incrementAndGet(); });")
        self.k.run("pool.shutdownNow();")

    def test_virtual_thread(self):
        self.assert_stopped_quietly("Thread.ofVirtual().start(() -> { while (true) spins.incrementAndGet(); });")


if __name__ == "__main__":
    unittest.main()
