"""The kernel through the Jupyter protocol (jupyter_client), as a notebook frontend talks to it."""
import base64
import os
import subprocess
import tempfile
import time
import unittest

from kernel_session import KernelSession, KernelTestCase, wait_until_quiet


class KernelProtocolTest(KernelTestCase):
    def test_expression_result_has_text_plain(self):
        r = self.k.run("1 + 1")
        self.assertEqual("ok", r.status)
        self.assertEqual("2", r.result()["text/plain"])

    def test_multi_snippet_cell_with_definitions_used_later(self):
        r = self.k.run("import java.util.function.*;\nint base = 40;\nint add(int a) { return base + a; }\nrecord P(int x) {}")
        self.assertEqual("ok", r.status)
        r = self.k.run("IntUnaryOperator f = a -> add(a);\nnew P(f.applyAsInt(2)).x()")
        self.assertEqual("42", r.result()["text/plain"])

    def test_default_imports_survive_importing_one_of_them_again(self):
        # The defaults are one JShell snippet; importing one of its packages again must not drop the rest.
        self.assertEqual("ok", self.k.run("import java.util.*;\nimport java.io.*;").status)
        r = self.k.run("new AtomicInteger(3).get() + Duration.ofMillis(4).toMillis() + List.of(1).size()")
        self.assertEqual("8", r.result()["text/plain"])
        r = self.k.run("Executors.class.getSimpleName() + new StringWriter() + Stream.of(1).count()")
        self.assertEqual("Executors1", r.result()["text/plain"])

    def test_a_displayed_expression_runs_once_and_reports_its_errors(self):
        # The kernel evaluates a shown value through a declaration of its own, falling back to the code
        # as written when that does not compile: neither path may run the expression twice or hide an error.
        self.assertEqual("ok", self.k.run("int calls = 0;").status)
        self.assertEqual("1", self.k.run("++calls").result()["text/plain"])
        r = self.k.run("calls++ + Integer.parseInt(\"x\")")
        self.assertEqual("java.lang.NumberFormatException", r.error()["ename"])
        self.assertEqual("2", self.k.run("calls").result()["text/plain"])
        r = self.k.run("calls + notDeclaredYet()")
        self.assertEqual("CompilationError", r.error()["ename"])
        self.assertRegex(r.error()["traceback"][0], r"cell \[\d+\] line 1: cannot find symbol")
        self.assertEqual("ok", self.k.run("System.out.println(calls)").status)  # a void call: no value
        self.assertEqual("2", self.k.run("calls").result()["text/plain"])
        self.assertEqual("[1, 2]", self.k.run("List.of(1, 2) // a trailing comment").result()["text/plain"])

    def test_statements_run_once_and_declarations_stay_declarations(self):
        # Statements run through a declaration of the kernel's own; declarations must not: a declaration
        # run as a statement would be local to it, and the variable gone in the next cell.
        self.assertEqual("ok", self.k.run("int n = 0;\nList<Integer> seen = new ArrayList<>();\nvar label = \"n=\";").status)
        r = self.k.run("for (int i = 0; i < 3; i++) { n += i; }\nseen.add(n);\nn++;\nif (n > 3) System.out.println(label + n)")
        self.assertEqual("ok", r.status)
        self.assertEqual("n=4\n", r.stream("stdout"))
        self.assertEqual("[3] 4 n=", self.k.run("seen + \" \" + n + \" \" + label").result()["text/plain"])
        r = self.k.run("seen.add(n);\nInteger.parseInt(\"x\");\nseen.add(-1);")
        self.assertEqual("java.lang.NumberFormatException", r.error()["ename"])
        self.assertEqual("[3, 4]", self.k.run("seen").result()["text/plain"])
        r = self.k.run("seen.clear();\nseen.add(undefinedThing);")
        self.assertEqual("CompilationError", r.error()["ename"])
        self.assertRegex(r.error()["traceback"][0], r"cell \[\d+\] line 2: cannot find symbol")

    def test_trailing_semicolon_hides_the_result(self):
        self.assertIsNone(self.k.run("2 * 21;").result())

    def test_compile_error_names_the_cell_line(self):
        r = self.k.run("int ok = 1;\nint bad = undefinedThing + 1;")
        self.assertEqual("error", r.status)
        err = r.error()
        self.assertEqual("CompilationError", err["ename"])
        self.assertIn("cannot find symbol", err["evalue"])
        self.assertRegex(err["traceback"][0], r"cell \[\d+\] line 2: cannot find symbol")

    def test_exception_shows_user_lines_first(self):
        r = self.k.run("int divide(int a, int b) {\n  return a / b;\n}\nint q = divide(1, 0);")
        self.assertEqual("error", r.status)
        err = r.error()
        self.assertEqual("java.lang.ArithmeticException", err["ename"])
        self.assertRegex(err["traceback"][1], r"at divide \(cell \[\d+\] line 2\)")
        self.assertRegex(err["traceback"][2], r"at cell \[\d+\] line 4")
        # the kernel keeps working after an error
        self.assertEqual("3", self.k.run("1 + 2").result()["text/plain"])

    def test_output_streams_while_the_cell_runs(self):
        r = self.k.run('for (int i = 0; i < 3; i++) { System.out.println("tick " + i); Thread.sleep(400); }\nSystem.err.println("done");')
        self.assertEqual("tick 0\ntick 1\ntick 2\n", r.stream("stdout"))
        self.assertEqual("done\n", r.stream("stderr"))
        ticks = [m["received"] for m in r.outputs if m["msg_type"] == "stream" and "tick" in m["content"]["text"]]
        self.assertGreaterEqual(len(ticks), 3, "each line is its own message, sent as it is printed")
        self.assertGreater(ticks[-1] - ticks[0], 0.6, "lines arrive spread over the cell's run, not at its end")

    def test_output_of_pool_threads_reaches_the_cell(self):
        r = self.k.run("try (var pool = Executors.newFixedThreadPool(2)) {\n"
                       "  for (int i = 0; i < 4; i++) { int n = i; pool.submit(() -> System.out.println(\"task \" + n)); }\n}")
        self.assertEqual({"task 0", "task 1", "task 2", "task 3"}, set(r.stream().splitlines()))

    def test_chart_is_displayed_as_png(self):
        code = ("var chart = new org.knowm.xchart.XYChart(400, 300);\n"
                "chart.setTitle(\"squares\");\n"
                "chart.addSeries(\"y\", new double[]{1, 2, 3}, new double[]{1, 4, 9});\n"
                "chart")
        r = self.k.run(code)
        self.assertEqual("ok", r.status, r.error())
        data = r.result()
        self.assertEqual(b"\x89PNG", base64.b64decode(data["image/png"])[:4])
        self.assertEqual("chart: squares", data["text/plain"])
        r = self.k.run("display(chart);")
        self.assertEqual(1, len(r.displays()))
        self.assertIn("image/png", r.displays()[0])

    def test_table_is_displayed_as_html_and_text(self):
        r = self.k.run("tech.tablesaw.api.Table.create(\"runs\", tech.tablesaw.api.IntColumn.create(\"workers\", 1, 2, 4))")
        self.assertEqual("ok", r.status, r.error())
        data = r.result()
        self.assertIn("<table", data["text/html"])
        self.assertIn("<th>workers</th>", data["text/html"])
        self.assertIn("workers", data["text/plain"])
        self.assertIn("4", data["text/plain"])

    def test_library_is_on_the_class_path_without_setup(self):
        r = self.k.run("concurrencylab.workload.Workloads.simulatedIo(10, java.time.Duration.ofSeconds(2)).idealTime(4, 2)")
        self.assertEqual("PT6S", r.result()["text/plain"])

    def test_cells_compile_against_the_notebook_classes_not_the_kernels_jars(self):
        # The library's dependencies (Tablesaw's fastutil) are there; the kernel's own (ZeroMQ) are not.
        r = self.k.run("new it.unimi.dsi.fastutil.ints.IntArrayList(new int[]{1, 2, 3}).size()")
        self.assertEqual("3", r.result()["text/plain"], r.error())
        r = self.k.run("org.zeromq.ZMQ.class")
        self.assertEqual("error", r.status)
        self.assertIn("package org.zeromq does not exist", r.error()["evalue"])

    def test_completion_offers_package_names_of_the_jdk_and_the_library(self):
        def matches(code):
            reply = self.k.kc.complete(code, len(code), reply=True, timeout=10)["content"]
            return reply, set(reply["matches"])
        reply, names = matches("import java.util.con")
        self.assertIn("concurrent", names)
        self.assertEqual(len("import java.util."), reply["cursor_start"])
        # The library's packages are read once the kernel has been idle for a second.
        deadline = time.monotonic() + 15
        while "workload" not in matches("concurrencylab.wor")[1] and time.monotonic() < deadline:
            time.sleep(0.5)
        self.assertIn("workload", matches("concurrencylab.wor")[1])
        self.assertIn("abs(", matches("Math.ab")[1])  # JShell's own completion, as before

    def test_system_exit_ends_the_cell_not_the_kernel(self):
        self.k.run("int survivor = 7;")
        r = self.k.run("System.exit(1);")
        self.assertEqual("error", r.status)
        self.assertIn("System.exit(1) is not allowed in a notebook", r.error()["evalue"])
        self.assertEqual("7", self.k.run("survivor").result()["text/plain"])

    def test_classpath_and_jars_magics_add_classes(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "Greeter.java")
            with open(src, "w") as f:
                # a package: JShell's snippets live in package REPL and cannot see the unnamed package
                f.write("package demo; public class Greeter { public static String hi() { return \"hi from a jar\"; } }")
            javac = os.path.join(os.environ["JAVA_HOME"], "bin", "javac") if os.environ.get("JAVA_HOME") else "javac"
            jar = os.path.join(os.path.dirname(javac), "jar")
            classes = os.path.join(d, "classes")
            subprocess.run([javac, "-d", classes, src], check=True)
            subprocess.run([jar, "cf", os.path.join(d, "greeter.jar"), "-C", classes, "."], check=True)
            r = self.k.run(f"%jars {d}/*.jar\ndemo.Greeter.hi()")
            self.assertEqual("ok", r.status, r.error())
            self.assertEqual("hi from a jar", r.result()["text/plain"])
            self.assertIn("greeter.jar", r.stream())
            r = self.k.run(f"%classpath {classes}")
            self.assertEqual("ok", r.status, r.error())

    def test_malformed_magic_gives_one_line_naming_it(self):
        r = self.k.run("%jars")
        self.assertEqual("error", r.status)
        self.assertEqual("malformed magic '%jars': %jars needs at least one path", r.error()["evalue"])
        r = self.k.run("%nosuchmagic 1 2")
        self.assertIn("unknown magic %nosuchmagic", r.error()["evalue"])

    def test_a_name_and_a_question_mark_opens_its_documentation_in_the_pager(self):
        self.assertEqual("ok", self.k.run("List<String> names = new ArrayList<>();").status)
        for asked, expected in (("Math.max?", "max("), ("  names.add ?", "add("), ("String?", "String")):
            r = self.k.run(asked)
            self.assertEqual("ok", r.status, r.error())
            pages = [p for p in r.reply["content"].get("payload", []) if p["source"] == "page"]
            self.assertEqual(1, len(pages), asked)
            self.assertIn(expected, pages[0]["data"]["text/plain"], asked)
        r = self.k.run("Nothing.here?")
        self.assertEqual("error", r.status)
        self.assertIn("No documentation for Nothing.here", r.error()["traceback"][0])
        r = self.k.run("int v = names.isEmpty() ? 1 : 2;\nv")  # a conditional is Java, not a question
        self.assertEqual("1", r.result()["text/plain"])

    def test_a_cell_class_merged_at_a_branch_in_a_later_cell_runs(self):
        # Two values of a cell-defined record meet where a try block's paths join: weaving the stop checks
        # recomputes the stack map frames, which needs the record's class hierarchy.
        self.assertEqual("ok", self.k.run("record Pair(double a) {}\nPair make() { return new Pair(1); }").status)
        r = self.k.run("try { Pair x = make(), y = make(); System.out.println(x.a() + y.a()); }"
                       " catch (RuntimeException e) { System.out.println(\"failed\"); }")
        self.assertEqual("ok", r.status, r.error())
        self.assertEqual("2.0\n", r.stream())

    def test_a_value_that_cannot_be_drawn_is_the_cells_error_in_one_line(self):
        # XChart refuses to draw a category axis thinned to one label.
        r = self.k.run('var c = new org.knowm.xchart.CategoryChart(400, 300);\nc.addSeries("s", List.of("a"), List.of(1));\n'
                       'c.getStyler().setXAxisMaxLabelCount(1);\nc')
        self.assertEqual("error", r.status)
        self.assertEqual(1, len(r.error()["traceback"]), r.error())
        self.assertRegex(r.error()["traceback"][0], r"^cell \[\d+\]: its value \(CategoryChart\) could not be shown: "
                                                    r"IllegalArgumentException: Unsupported max label count")
        self.assertEqual("2", self.k.run("1 + 1").result()["text/plain"])

    def test_a_line_of_a_text_block_that_starts_with_percent_is_text_not_a_magic(self):
        r = self.k.run('String k() {\n    return """\n        a\n        %s b\n        """.formatted("x");\n}\nk()')
        self.assertEqual("ok", r.status, r.error())
        self.assertIn("x b", r.result()["text/plain"])
        r = self.k.run('String t = """\n%time is text here\n""";\nt.strip()')
        self.assertEqual("ok", r.status, r.error())
        self.assertIn("%time is text here", r.result()["text/plain"])

    def test_volatile_or_final_on_a_top_level_variable_is_dropped_with_a_warning(self):
        # JShell declares a cell's top-level variables as plain static fields: the modifier is silently lost.
        r = self.k.run("volatile boolean stop = false;")
        self.assertEqual("ok", r.status, r.error())
        warning = r.stream("stderr")
        self.assertIn("volatile", warning)
        self.assertIn("stop", warning)
        self.assertEqual(1, len(warning.strip().splitlines()), warning)
        r = self.k.run("class Flags { static volatile boolean stop; }\nfinal int n = 3;")
        self.assertIn("final", r.stream("stderr"))
        self.assertNotIn("Flags", r.stream("stderr"))


class IdleKernelTest(unittest.TestCase):
    """What a kernel does while nobody asks anything: warm its renderers, quietly, never during a cell."""

    def test_an_idle_kernel_warms_its_renderers_without_a_word_in_any_cell(self):
        k = KernelSession()
        try:
            java2d_started = ('Thread.getAllStackTraces().keySet().stream()'
                              '.anyMatch(t -> t.getName().equals("Java2D Disposer"))')
            self.assertEqual("2", k.run("1 + 1").result()["text/plain"])
            self.assertEqual("false", k.run(java2d_started).result()["text/plain"], "no drawing while cells come")
            # Idle: the work begins after a second; wait until the kernel's CPU says it is done (no cell may
            # ask meanwhile: a request would postpone it).
            time.sleep(1.5)
            wait_until_quiet(k.km.provisioner.process.pid, timeout=30)
            stray = []
            try:
                while True:
                    msg = k.kc.get_iopub_msg(timeout=0.5)
                    if msg["msg_type"] not in ("status", "execute_input"):
                        stray.append(msg)
            except Exception:  # queue.Empty: nothing more was published
                pass
            self.assertEqual([], stray, "the idle work publishes nothing")
            r = k.run(java2d_started)
            self.assertEqual("true", r.result()["text/plain"], "Java2D was started while idle, by no cell")
            self.assertEqual("", r.stream() + r.stream("stderr"))
            r = k.run('import concurrencylab.chart.*;\nCharts.bars("Lost updates", "count", Map.of("plain", 12.0))')
            self.assertEqual(b"\x89PNG", base64.b64decode(r.result()["image/png"])[:4], "and charts still show")
        finally:
            k.close()


if __name__ == "__main__":
    unittest.main()
