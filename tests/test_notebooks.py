"""Every notebook in notebooks/, checked as saved, and executed headless through the installed kernel
with its defaults, as a student steps through it. (tests/test_jupyterlab.py runs every notebook with its
small test parameters in JupyterLab, with the same checks of its self-checks.)"""
import os
import re
import subprocess
import sys
import unittest

import nbformat

from notebooks_under_test import (AFTER_SOLUTION, NOTEBOOKS, ROOT, exercises, output_text, read, small_parameters,
                                  tagged, with_solutions_checked)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class SavedNotebooksTest(unittest.TestCase):
    def test_there_are_notebooks(self):
        self.assertTrue(NOTEBOOKS, "notebooks/ holds the course")

    def test_valid_without_outputs_on_our_kernel(self):
        for path in NOTEBOOKS:
            with self.subTest(notebook=os.path.basename(path)):
                nb = read(path)
                nbformat.validate(nb)
                self.assertEqual((4, 5), (nb.nbformat, nb.nbformat_minor))
                self.assertTrue(all("id" in c for c in nb.cells), "cell ids")
                self.assertEqual("concurrency-lab", nb.metadata.kernelspec.name)
                self.assertEqual([], [c.outputs for c in nb.cells if c.cell_type == "code" and c.outputs])
                self.assertEqual(1, len(tagged(nb, "parameters")), "one cell tagged parameters")
                self.assertTrue(small_parameters(nb), "metadata concurrency_lab.test_parameters for fast runs")

    def test_the_course_is_numbered_and_linked_in_order(self):
        names = [os.path.splitext(os.path.basename(p))[0] for p in NOTEBOOKS]
        self.assertEqual([f"{i:02d}" for i in range(len(names))], [n[:2] for n in names], "numbered 00, 01, ... without gaps")
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        for i, path in enumerate(NOTEBOOKS):
            with self.subTest(notebook=names[i]):
                nb = read(path)
                self.assertRegex(nb.cells[0].source, rf"^# {names[i][:2]} · ", "the title starts with the notebook's number")
                nav = [c for c in nb.cells if c.cell_type == "markdown" and "course-nav" in c.metadata.get("tags", [])]
                self.assertEqual(1, len(nav), "one navigation cell, tagged course-nav")
                if i > 0:
                    self.assertIn(f"]({names[i - 1]}.ipynb)", nav[0].source, "links the previous notebook")
                if i + 1 < len(names):
                    self.assertIn(f"]({names[i + 1]}.ipynb)", nav[0].source, "links the next notebook")
                for c in nb.cells:
                    if c.cell_type == "markdown":
                        for target in re.findall(r"\]\(([^)#]+\.ipynb)", c.source):
                            self.assertTrue(os.path.exists(os.path.join(ROOT, "notebooks", target)), f"a link to {target}")
                self.assertIn(f"(notebooks/{names[i]}.ipynb)", readme, "the README's course table lists it")
                self.assertIn(f"]({names[i]}.ipynb)", "".join(c.source for c in read(NOTEBOOKS[0]).cells) if i else "](",
                              "notebook 00 lists it")

    def test_each_says_what_it_needs_from_the_kernel_and_imports_what_ijava_does_not(self):
        proc = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "kernel_needs.py"), "--check", *NOTEBOOKS],
                              capture_output=True, text=True)
        self.assertEqual(0, proc.returncode, proc.stderr)

    def test_exercises_check_before_any_solution_and_hide_it_from_run_all(self):
        for path in NOTEBOOKS:
            with self.subTest(notebook=os.path.basename(path)):
                nb = read(path)
                found = exercises(nb)  # raises, naming the cell, when the pattern is broken
                self.assertTrue(found, "the notebook ends with an exercise")
                for ex in found:
                    check = nb.cells[ex.check].source
                    self.assertIn("PASS", check)
                    self.assertIn("Not yet", check)
                    # The solution replaces the answer cell; it must not be the starting answer itself.
                    self.assertNotEqual(nb.cells[ex.answer].source.strip(), ex.code.strip())

    def test_a_prediction_asked_for_is_recorded_and_shown_next_to_the_measurement(self):
        for path in NOTEBOOKS:
            with self.subTest(notebook=os.path.basename(path)):
                nb = read(path)
                asks = any(c.cell_type == "markdown" and re.search(r"\bpredict", c.source, re.I) for c in nb.cells)
                if not asks:
                    continue
                cells = tagged(nb, "prediction")
                self.assertTrue(cells, "a notebook that asks for a prediction has a code cell tagged prediction")
                for cell in cells:
                    names = re.findall(r"^\s*(?:final\s+)?[\w.<>\[\]]+\s+(\w+)\s*=", cell.source, re.M)
                    self.assertTrue(names, f"a prediction cell declares the student's guesses: {cell.source[:80]}")
                    later = "".join(c.source for c in nb.cells[nb.cells.index(cell) + 1:] if c.cell_type == "code")
                    for name in names:
                        self.assertRegex(later, rf"\b{name}\b", f"prediction {name} is never shown next to a measurement")


def run(test, path, params, out_dir):
    """Executes the notebook (with the solutions checked after each self-check) through ./lab run's
    runner and returns the executed notebook, after the checks every run shares."""
    name = os.path.basename(path)
    nb = with_solutions_checked(read(path))
    source = os.path.join(ROOT, "build", "test-inputs", out_dir, name)
    os.makedirs(os.path.dirname(source), exist_ok=True)
    nbformat.write(nb, source)
    out = os.path.join(ROOT, "build", out_dir)
    cmd = [sys.executable, os.path.join(ROOT, "tools", "run_notebook.py"), "--out", out, source]
    for k, v in params.items():
        cmd += ["-p", f"{k}={str(v).lower() if isinstance(v, bool) else v}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    test.assertEqual(0, proc.returncode, proc.stderr[-3000:])
    executed = nbformat.read(os.path.join(out, name), as_version=4)
    with open(os.path.join(out, os.path.splitext(name)[0] + ".html"), encoding="utf-8") as f:
        page = f.read()
    test.assertNotIn("```java", page, "the exported page shows a solution's code as a raw markdown fence")
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    test.assertEqual([], errors)
    test.assertTrue(all(c.execution_count for c in executed.cells if c.cell_type == "code"), "every code cell ran")
    # An interactive cell ("now move the sliders") shows, where there are no widgets, its result at the
    # sliders' start values: an image and one line saying the sliders need JupyterLab, on the page too.
    for c in tagged(executed, "interactive"):
        shown = [o for o in c.outputs if WIDGET_VIEW in o.get("data", {})]
        test.assertEqual(1, len(shown), f"an interactive cell shows one widget: {c.source[:60]}")
        data = shown[0]["data"]
        test.assertTrue(data["text/plain"].startswith("The controls need JupyterLab"), data["text/plain"][:120])
        test.assertIn("image/png", data, "its chart, drawn at the sliders' start values")
        test.assertIn("<img src=\"data:image/png;base64,", data["text/html"])
    test.assertEqual(len(tagged(executed, "interactive")), page.count("The controls need JupyterLab"),
                     "the exported page shows each interactive cell's result, not an empty widget")
    charts = tagged(executed, "chart")
    test.assertTrue(charts, "the notebook shows at least one chart")
    for c in charts:
        test.assertTrue(any("image/png" in o.get("data", {}) for o in c.outputs),
                        f"chart cell without an image: {c.source[:60]}")
    # A student stepping through: each self-check says "Not yet" on the starting answer, in one line...
    for c in tagged(executed, "self-check"):
        text = output_text(c).strip()
        test.assertTrue(text.startswith("Not yet"), f"self-check on the starting answer says: {text}")
        test.assertEqual(1, len(text.splitlines()), f"a self-check answers in one line: {text}")
    # ... and PASS once the solution replaces the answer.
    after = tagged(executed, AFTER_SOLUTION)
    test.assertEqual(len(tagged(executed, "self-check")), len(after))
    for c in after:
        text = output_text(c).strip()
        test.assertTrue(text.startswith("PASS"), f"self-check with the solution says: {text}")
    return executed


class NotebooksAtTheirDefaultsTest(unittest.TestCase):
    """Each notebook top to bottom with its defaults, as a student steps through it in class; one test
    per notebook, named after it, so that a failure and its time point at the notebook."""


def _add_a_test_per_notebook():
    for path in NOTEBOOKS:
        name = os.path.splitext(os.path.basename(path))[0].replace("-", "_")
        setattr(NotebooksAtTheirDefaultsTest, f"test_at_its_defaults_{name}",
                lambda self, p=path: run(self, p, {}, "test-runs-defaults"))


_add_a_test_per_notebook()


if __name__ == "__main__":
    unittest.main()
