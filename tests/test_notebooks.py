"""Every notebook in notebooks/, checked as saved (structure, numbering and links, exercises, predictions,
what it needs from the kernel, its exported page), then run top to bottom through nbclient with its small
test parameters, each self-check saying "Not yet" on the starting answer and PASS with the solution. That is
a notebook's first run of two: tests/test_jupyterlab.py runs every notebook again at its defaults in
JupyterLab, as a class does, with the same checks; tests/test_lab_run.py runs one through ./lab run."""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

from notebooks_under_test import (AFTER_SOLUTION, ALL_NOTEBOOKS, NOTEBOOKS, ROOT, add_a_test_per_notebook, check_self_checks, exercises,
                                  kernelspec, output_text, read, small_parameters, tagged, with_small_parameters,
                                  with_solutions_checked)


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
        names = [os.path.splitext(os.path.basename(p))[0] for p in ALL_NOTEBOOKS]
        self.assertEqual([f"{i:02d}" for i in range(len(names))], [n[:2] for n in names], "numbered 00, 01, ... without gaps")
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        for i, path in enumerate(ALL_NOTEBOOKS):
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
                if i > 0:
                    self.assertIn(f"]({names[i]}.ipynb)", "".join(c.source for c in read(ALL_NOTEBOOKS[0]).cells),
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


class ExportedPagesTest(unittest.TestCase):
    def test_the_exported_page_shows_each_solution_as_code_not_as_a_markdown_fence(self):
        """./lab run writes an HTML page next to the executed notebook; nbconvert passes markdown inside
        <details> through as text, so the runner renders it first (tools/run_notebook.py)."""
        import run_notebook  # tools/, on the path through notebooks_under_test
        for path in NOTEBOOKS:
            with self.subTest(notebook=os.path.basename(path)):
                nb = read(path)
                out = os.path.join(ROOT, "build", "test-exports", os.path.basename(path).replace(".ipynb", ".html"))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                run_notebook.export_html(nb, out)
                with open(out, encoding="utf-8") as f:
                    page = f.read()
                self.assertNotIn("```java", page, "a solution's code shows as a raw markdown fence")
                blocks = re.findall(r"<details>.*?</details>", page, re.S)
                for ex in exercises(nb):  # the solution's code is on the page, as code inside its <details>
                    first = next(line for line in ex.code.splitlines() if line.strip()).strip()
                    holding = [b for b in blocks if first in html.unescape(re.sub(r"<[^>]+>", "", b))]
                    self.assertTrue(holding, f"the solution's first line inside a <details> on the page: {first}")
                    self.assertIn("<pre", holding[0], "the solution rendered as a code block")


class SmallParametersRunTest(unittest.TestCase):
    """Each notebook with its test parameters (metadata concurrency_lab.test_parameters) in place of its
    defaults, run by nbclient on our kernel, the solutions pasted in after each self-check."""

    @classmethod
    def setUpClass(cls):
        kernelspec.use_built_kernel()
        cls.dir = tempfile.mkdtemp(prefix="lab-small-parameters-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def check_runs_with_small_parameters(self, path):
        nb = with_solutions_checked(with_small_parameters(read(path)))
        NotebookClient(nb, timeout=300, kernel_name=kernelspec.NAME, allow_errors=True,
                       resources={"metadata": {"path": self.dir}}).execute()
        errors = [f"cell {i}: {o.ename}: {o.evalue}" for i, c in enumerate(nb.cells) if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        self.assertEqual([], errors)
        for i, cell in enumerate(nb.cells):
            if "chart" in cell.metadata.get("tags", []):
                self.assertTrue(any("image/png" in o.get("data", {}) for o in cell.outputs), f"chart cell {i} shows an image")
        checks = [c for c in nb.cells if c.cell_type == "code" and {"self-check", AFTER_SOLUTION} & set(c.metadata.get("tags", []))]
        self.assertTrue(checks, "the notebook's exercises ran")
        check_self_checks(self, [(cell.metadata.tags, output_text(cell)) for cell in checks])


add_a_test_per_notebook(SmallParametersRunTest, "test_runs_with_small_parameters_", SmallParametersRunTest.check_runs_with_small_parameters)


if __name__ == "__main__":
    unittest.main()
