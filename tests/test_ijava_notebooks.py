"""IJava's notebooks on our kernel: tests/ijava/ijava-only.ipynb, written with IJava 1.3's display API and
magics only, runs unchanged (kernelspec and all) through nbclient, as a user who picks our kernel for it would;
and what %load and %%loadFromPOM say when they fail."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

from kernel_session import KernelTestCase, ROOT, kernelspec

FIXTURE = os.path.join(ROOT, "tests", "ijava")
# IJava 1.3's magics (its docs/magics.md and JavaKernel: ClasspathMagics, MavenResolver, Load).
IJAVA_MAGICS = {"jars", "classpath", "addMavenDependencies", "addMavenDependency", "maven", "addMavenRepo", "mavenRepo",
                "loadFromPOM", "load"}
# IJava's runtime.Display (display, render, updateDisplay), Kernel (eval, getKernelInstance), Magics (lineMagic,
# cellMagic); clearOutput() is the one call the issue adds to them.
IJAVA_CALLS = {"display", "render", "updateDisplay", "clearOutput"}


def jdk_bin(tool):
    home = os.environ.get("JAVA_HOME") or "/usr/lib/jvm/temurin-25-jdk-amd64"
    return os.path.join(home, "bin", tool)


class IJavaNotebookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        kernelspec.use_built_kernel()
        cls.dir = tempfile.mkdtemp(prefix="ijava-notebook-")
        for name in os.listdir(FIXTURE):
            shutil.copy(os.path.join(FIXTURE, name), cls.dir)
        classes, greeting = os.path.join(cls.dir, "classes"), os.path.join(cls.dir, "greeting-classes")
        subprocess.run([jdk_bin("javac"), "-d", classes, os.path.join(cls.dir, "Hello.java")], check=True)
        subprocess.run([jdk_bin("javac"), "-d", greeting, os.path.join(cls.dir, "Greeting.java")], check=True)
        os.makedirs(os.path.join(cls.dir, "libs"))
        subprocess.run([jdk_bin("jar"), "cf", os.path.join(cls.dir, "libs", "greeting.jar"), "-C", greeting, "."], check=True)
        cls.nb = nbformat.read(os.path.join(cls.dir, "ijava-only.ipynb"), as_version=4)
        # Run as saved, IJava's kernelspec in its metadata: the user picks our kernel for it.
        NotebookClient(cls.nb, timeout=300, kernel_name=kernelspec.NAME,
                       resources={"metadata": {"path": cls.dir}}).execute()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def cell(self, starts):
        found = [c for c in self.nb.cells if c.cell_type == "code" and c.source.startswith(starts)]
        self.assertEqual(1, len(found), starts)
        return found[0]

    def result(self, starts, mime="text/plain"):
        results = [o for o in self.cell(starts).outputs if o.output_type == "execute_result"]
        self.assertEqual(1, len(results), self.cell(starts).outputs)
        return results[0].data.get(mime)

    def test_the_notebook_uses_nothing_but_ijavas_api_and_magics(self):
        nb = nbformat.read(os.path.join(FIXTURE, "ijava-only.ipynb"), as_version=4)
        self.assertEqual("java", nb.metadata.kernelspec.name, "saved for IJava")
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        self.assertNotIn("concurrencylab", code)
        magics = set(re.findall(r"^%%?(\w+)", code, re.M))
        self.assertEqual(set(), magics - IJAVA_MAGICS, "magics IJava 1.3 does not have")
        self.assertEqual({"load", "jars", "classpath", "maven", "loadFromPOM"}, magics)
        self.assertEqual(IJAVA_CALLS, IJAVA_CALLS & set(re.findall(r"\b(\w+)\(", code)), "each call of the display API is used")

    def test_every_cell_ran_without_error(self):
        errors = [(c.source.splitlines()[0], o) for c in self.nb.cells if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        self.assertEqual([], errors)

    def test_load_runs_a_jsh_file_found_by_its_name_and_a_notebooks_code_cells(self):
        self.assertEqual("42", self.result("%load helpers"))
        self.assertEqual("hello from setup, LOADED!", self.result("%load setup.ipynb"))

    def test_display_with_mime_types_shows_those_types_and_text(self):
        first, second = [o.data for o in self.cell('display("<b>bold</b>"').outputs if o.output_type == "display_data"]
        self.assertEqual({"text/html": "<b>bold</b>", "text/plain": "<b>bold</b>"}, dict(first))
        self.assertEqual({"text/markdown", "text/html", "text/plain"}, set(second))

    def test_update_display_replaces_the_output_and_render_makes_the_cells_result(self):
        cell = self.cell('String id = display("<b>Countdown')
        shown = [o for o in cell.outputs if o.output_type == "display_data"]
        self.assertEqual(1, len(shown), "updated in place, not displayed again")
        self.assertEqual("<b>Countdown:</b> 0", shown[0].data["text/html"])
        self.assertEqual("<b>Liftoff!</b>", self.result('String id = display("<b>Countdown', "text/html"))
        cell = self.cell("String listId")
        self.assertEqual(["[1, 2, 3]"], [o.data["text/plain"] for o in cell.outputs if o.output_type == "display_data"])
        self.assertEqual("[a, b]", self.result("String listId"))
        self.assertEqual("Hello from **IJava**", self.result("String md", "text/markdown"))

    def test_clear_output_without_an_argument_clears_what_the_cell_printed(self):
        outputs = self.cell('System.out.println("this line is cleared")').outputs
        self.assertEqual([("stream", "after clearOutput()\n")], [(o.output_type, o.get("text")) for o in outputs])

    def test_jars_and_classpath_as_ijava_spells_them(self):
        self.assertEqual("hello from a jar and a directory of classes", self.result("%jars"))

    def test_maven_and_load_from_pom_resolve_with_transitive_dependencies(self):
        self.assertEqual("Ijava Notebooks Run Here", self.result("%maven"))
        printed = "".join(o.text for o in self.cell("%%loadFromPOM").outputs if o.output_type == "stream")
        self.assertEqual("Added to the class path: commons-collections4-4.4.jar\n", printed)
        self.assertEqual("2", self.result("var bag"))


class IJavaMagicErrorsTest(KernelTestCase):
    def test_an_error_in_a_loaded_file_names_the_file_and_its_line(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "broken.jsh")
            with open(path, "w") as f:
                f.write("int fine = 1;\nint broken = \"text\";\n")
            r = self.k.run(f"%load {path}")
            self.assertEqual("error", r.status)
            self.assertEqual("broken.jsh line 2: incompatible types: java.lang.String cannot be converted to int",
                             r.error()["traceback"][0])
            with open(path, "w") as f:
                f.write("void fail() {\n    throw new IllegalStateException(\"from the file\");\n}\n")
            self.assertEqual("ok", self.k.run(f"%load {path}").status)
            r = self.k.run("int before = 1;\nfail();")
            trace = r.error()["traceback"]
            self.assertEqual(["java.lang.IllegalStateException: from the file", "    at fail (broken.jsh line 2)"], trace[:2])
            self.assertRegex(trace[2], r"^    at cell \[\d+\] line 2$")

    def test_a_missing_file_and_bad_xml_are_one_line_errors(self):
        r = self.k.run("%load no-such-file")
        self.assertEqual("error", r.status)
        self.assertRegex(r.error()["evalue"], r"^%load: no file 'no-such-file' in \S+ \(tried no-such-file, no-such-file.jsh, "
                                              r"no-such-file.jshell, no-such-file.java, no-such-file.ijava, no-such-file.ipynb\)$")
        r = self.k.run("%%loadFromPOM\n<dependency><groupId>g</groupId>")
        self.assertEqual("error", r.status)
        self.assertTrue(r.error()["evalue"].startswith("%%loadFromPOM: the cell is not well-formed XML (line 1): "), r.error())

    def test_display_rejects_what_is_not_a_mime_type_naming_it(self):
        r = self.k.run('display("<b>x</b>", "html")')
        self.assertEqual("error", r.status)
        self.assertEqual("'html' is not a MIME type: give type/subtype, such as text/html, text/markdown or image/svg+xml",
                         r.error()["evalue"])


if __name__ == "__main__":
    unittest.main()
