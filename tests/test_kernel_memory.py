"""The kernel's memory over a long session, over the Jupyter protocol: what a cell leaves behind once it
is redefined, displayed or interrupted is given back, and a cell that fills the heap gets one clear
line and leaves a kernel that still works."""
import os
import subprocess
import unittest

from kernel_session import KernelTestCase

# Live heap a cell may add, as an order of magnitude. The kernel used to keep every snippet it ever ran,
# with the imports of all the declarations before it: 130-160 KB a cell by cell 300 of this session. What
# stays now (about 20 KB a cell here, docs/performance.md): each redefinition's loaded classes, and
# javac's name and symbol for every class it has read.
GROWTH_PER_CELL_KB = 40


def lesson_cell(i):
    """Cell i of a varied session whose names come back every 40 cells, as when a lesson's cells are run
    again: declarations, collections, a record, a stream, a method, a lambda kept in a list, output, an
    exception, a compile error."""
    n = i % 40
    return [
        f"int a{n} = {i};\nString s{n} = \"value \" + a{n};",
        f"var list{n} = new ArrayList<Integer>();\nfor (int j = 0; j < 50; j++) list{n}.add(j * {i});\nlist{n}.size()",
        f"record Point{n}(int x, int y) {{ double norm() {{ return Math.hypot(x, y); }} }}\nnew Point{n}(3, {i}).norm()",
        f"IntStream.rangeClosed(1, {i % 50 + 10}).filter(x -> x % 3 == 0).boxed().map(x -> x * x).toList()",
        f"int twice{n}(int v) {{ return 2 * v; }}\ntwice{n}({i})",
        f"var tasks{n} = new ArrayList<Runnable>();\ntasks{n}.add(() -> System.out.print(\"\"));\ntasks{n}.size()",
        f"System.out.println(\"cell {i}\");",
        f"Integer.parseInt(\"not {i}\")",
        f"int broken{n} = \"{i}\";",
        "1+1",
    ][i % 10]


def live_heap_bytes(session):
    """The kernel's live objects after a full GC (the class histogram runs one), without the filler arrays
    of dead space a serial full GC may leave in place."""
    java = session.km.kernel_spec.argv[0]  # the JDK the kernel runs on: its jcmd reads the kernel's heap
    out = subprocess.run([os.path.join(os.path.dirname(java), "jcmd"), str(session.km.provisioner.process.pid),
                          "GC.class_histogram"], capture_output=True, text=True, timeout=60).stdout
    total = next(int(line.split()[2]) for line in out.splitlines() if line.startswith("Total"))
    return total - sum(int(line.split()[2]) for line in out.splitlines() if "jdk.internal.vm.Filler" in line)


class LongSessionTest(KernelTestCase):

    def test_300_varied_cells_with_interrupts_add_little_live_heap_per_cell(self):
        cells = 300
        for i in range(cells):
            if i in (100, 150, 200):
                reply, _ = self.k.interrupt_after("while (true) {}", 0.2)
                self.assertEqual(reply["ename"], "Interrupted", reply)
            r = self.k.run(lesson_cell(i))
            expect_error = i % 10 in (7, 8)
            self.assertEqual(r.status, "error" if expect_error else "ok", (i, lesson_cell(i), r.error()))
            if i + 1 == 60:  # past the first run of the lesson: every name exists, the JIT has warmed up
                start = live_heap_bytes(self.k)
        growth_kb = (live_heap_bytes(self.k) - start) / (cells - 60) / 1000
        self.assertLess(growth_kb, GROWTH_PER_CELL_KB, f"live heap grew {growth_kb:.1f} KB a cell over cells 61-{cells}")
        # The session still works: the last definitions of names defined again and again are the ones seen.
        self.assertEqual(self.k.run("a20 + twice4(1)").result()["text/plain"], str(260 + 2))


class RedefinedClassTest(KernelTestCase):

    def class_state(self, name):
        """(in the classes shipped to worker JVMs, its file for Spark executors exists) for a cell class."""
        r = self.k.run(
            f'var src = concurrencylab.spi.KernelServices.classSource();\n'
            f'var file = Path.of(System.getProperty("spark.repl.class.outputDir"), "{name}".replace(\'.\', \'/\') + ".class");\n'
            f'src.classes().containsKey("{name}") + " " + Files.exists(file)')
        self.assertEqual(r.status, "ok", r.error())
        return r.result()["text/plain"].strip('"')

    def test_a_redefined_class_leaves_neither_bytes_to_ship_nor_a_file(self):
        self.assertEqual(self.k.run("record Item(int v) implements java.io.Serializable {}").status, "ok")
        old = self.k.run("Item.class.getName()").result()["text/plain"].strip('"')
        self.assertRegex(old, r"^REPL\.\$JShell\$\d+[A-Z]*\$Item$")
        self.assertEqual(self.class_state(old), "true true")
        self.assertEqual(self.class_state(old.rsplit("$", 1)[0]), "true true", "its cell's wrapper class too")

        self.assertEqual(self.k.run("record Item(int v, int w) implements java.io.Serializable {}").status, "ok")
        new = self.k.run("Item.class.getName()").result()["text/plain"].strip('"')
        self.assertNotEqual(new, old)
        self.assertEqual(self.class_state(old), "false false", "the old record's bytes and file are gone")
        self.assertEqual(self.class_state(old.rsplit("$", 1)[0]), "false false", "and its wrapper's")
        self.assertEqual(self.class_state(new), "true true")
        self.assertEqual(self.k.run("new Item(1, 2)").result()["text/plain"], "Item[v=1, w=2]")


class HeapCapTest(KernelTestCase):

    def test_a_cell_that_fills_the_heap_gets_one_line_and_the_kernel_goes_on(self):
        self.assertEqual(self.k.run("var big = new ArrayList<long[]>();").status, "ok")
        r = self.k.run("while (true) big.add(new long[1 << 20]);", timeout=120)
        self.assertEqual(r.status, "error")
        error = r.error()
        self.assertEqual(error["ename"], "OutOfMemoryError", error)
        self.assertRegex(error["evalue"], r"capped at \d+ [GM]B; .* LAB_KERNEL_HEAP=\d+[gm] ")
        self.assertEqual(1, len(error["evalue"].splitlines()), error["evalue"])
        # The variable still holds the heap: the advice's first remedy works, and the kernel with it.
        self.assertEqual(self.k.run("big = null;").status, "ok")
        self.assertEqual(self.k.run("1+1").result()["text/plain"], "2")


if __name__ == "__main__":
    unittest.main()
