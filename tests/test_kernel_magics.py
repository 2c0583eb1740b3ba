"""The magics over the protocol: %time, %%time, %timeit, %%timeit, %source, %maven, %lsmagic."""
import re
import unittest

from kernel_session import KernelTestCase


class KernelMagicsTest(KernelTestCase):
    def test_time_reports_wall_cpu_and_cores_busy_of_the_code_only(self):
        r = self.k.run("%time Thread.sleep(300)")
        m = re.search(r"wall ([\d.]+) ms, CPU [\d.]+ (?:ns|us|ms|s) \(all threads and child processes\), cores busy ([\d.]+)", r.stream())
        self.assertIsNotNone(m, r.stream())
        self.assertTrue(295 <= float(m.group(1)) < 450, "the sleep, without the compile time: " + r.stream())
        self.assertLess(float(m.group(2)), 0.3, "a sleeping cell keeps no core busy: " + r.stream())

    def test_cell_time_of_two_busy_threads_shows_two_cores(self):
        # one block, so that JShell compiles it once before it runs (statements apart would compile while threads spin)
        code = ("%%time\n"
                "String status;\n"
                "{\n"
                "  Runnable spin = () -> { long end = System.nanoTime() + 1_000_000_000L; while (System.nanoTime() < end) { } };\n"
                "  Thread a = new Thread(spin), b = new Thread(spin);\n"
                "  a.start(); b.start(); a.join(); b.join();\n"
                "  status = \"done\";\n"
                "}\n"
                "status")
        r = self.k.run(code)
        self.assertEqual("done", r.result()["text/plain"], "the cell's value is still its result")
        m = re.search(r"wall ([\d.]+) s, .*cores busy ([\d.]+)(?:; the JIT compiler used ([\d.]+) ms more)?", r.stream())
        wall, busy, jit_ms = float(m.group(1)), float(m.group(2)), float(m.group(3) or 0)
        # In a fresh kernel the JIT compiler still compiles in the background and takes a share of the
        # two cores; the spinning threads and it together keep both busy.
        self.assertGreater(busy + jit_ms / 1000 / wall, 1.5, "two spinning threads plus the JIT: " + r.stream())
        self.assertGreater(busy, 1.0, "more than one core for the two threads: " + r.stream())

    def test_timeit_gives_median_and_spread(self):
        r = self.k.run("%timeit -n 3 -r 4 Thread.sleep(20)")
        m = re.search(r"median ([\d.]+) ms per loop, spread ([\d.]+) ms to ([\d.]+) ms \(4 runs x 3 loops, after 1 warm-up call\)",
                      r.stream())
        self.assertIsNotNone(m, r.stream())
        self.assertTrue(19.5 <= float(m.group(1)) < 40, r.stream())
        r = self.k.run("%%timeit -r 2\nvar list = new ArrayList<Integer>();\nfor (int i = 0; i < 100; i++) list.add(i);")
        self.assertRegex(r.stream(), r"median .* per loop, spread .* \(2 runs x [\d,]+ loops")

    def test_source_shows_library_code(self):
        r = self.k.run("%source FixedThreadPool")
        self.assertEqual("ok", r.status, r.error())
        md = r.displays()[0]["text/markdown"]
        self.assertIn("```java", md)
        self.assertIn("public record FixedThreadPool(int threads) implements Strategy", md)
        r = self.k.run("%source NoSuchClass")
        self.assertIn("%source: no library class 'NoSuchClass'", r.error()["evalue"])

    def test_maven_resolves_transitive_dependencies(self):
        r = self.k.run('%maven org.apache.commons:commons-text:1.12.0\n'
                       'org.apache.commons.text.WordUtils.capitalize("concurrency lab")', timeout=300)
        self.assertEqual("ok", r.status, r.error())
        self.assertEqual("Concurrency Lab", r.result()["text/plain"])
        self.assertIn("commons-lang3", r.stream(), "the transitive dependency came along")
        r = self.k.run("%maven commons-text")
        self.assertIn("'commons-text' is not GROUP:ARTIFACT:VERSION", r.error()["evalue"])

    def test_lsmagic_lists_every_magic(self):
        text = self.k.run("%lsmagic").stream()
        for name in ("%classpath", "%jars", "%maven", "%time", "%timeit", "%source", "%cell_timeout", "%%time", "%%timeit"):
            self.assertIn(name, text)


if __name__ == "__main__":
    unittest.main()
