"""Every notebook in notebooks/, checked as saved and executed headless through the installed kernel."""
import os
import subprocess
import sys
import unittest

import nbformat

from notebooks_under_test import NOTEBOOKS, ROOT, read, small_parameters, tagged


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


class ExecutedNotebooksTest(unittest.TestCase):
    """Runs each notebook with its small parameters via ./lab run (nbclient + our kernel)."""

    def test_every_notebook_runs_without_errors_and_draws_its_charts(self):
        for path in NOTEBOOKS:
            name = os.path.basename(path)
            with self.subTest(notebook=name):
                nb = read(path)
                args = [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in small_parameters(nb).items()]
                out = os.path.join(ROOT, "build", "test-runs")
                # The exercise's self-check runs once more before its solution, on the starting answer,
                # where it must not pass: a self-check that passes anything checks nothing.
                with_check_first = os.path.join(ROOT, "build", "test-inputs", name)
                os.makedirs(os.path.dirname(with_check_first), exist_ok=True)
                nbformat.write(self_check_before_solution(nb), with_check_first)
                cmd = [sys.executable, os.path.join(ROOT, "tools", "run_notebook.py"), "--out", out, with_check_first]
                for a in args:
                    cmd += ["-p", a]
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
                self.assertEqual(0, proc.returncode, proc.stderr[-3000:])
                executed = nbformat.read(os.path.join(out, name), as_version=4)
                errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
                self.assertEqual([], errors)
                code_cells = [c for c in executed.cells if c.cell_type == "code"]
                self.assertTrue(all(c.execution_count for c in code_cells), "every code cell ran")
                charts = tagged(executed, "chart")
                self.assertTrue(charts, "the notebook shows at least one chart")
                for c in charts:
                    self.assertTrue(any("image/png" in o.get("data", {}) for o in c.outputs),
                                    f"chart cell without an image: {c.source[:60]}")
                for c in tagged(executed, "self-check"):
                    text = "".join(o.get("text", "") for o in c.outputs)
                    self.assertIn("PASS", text, f"self-check says: {text.strip()}")
                before = tagged(executed, BEFORE_SOLUTION)
                self.assertEqual(len(tagged(executed, "solution")), len(before), "a self-check before each solution")
                for c in before:
                    text = "".join(o.get("text", "") for o in c.outputs)
                    self.assertIn("Not yet", text, f"self-check on the starting answer says: {text.strip()}")


BEFORE_SOLUTION = "self-check-before-solution"


def self_check_before_solution(nb):
    """The notebook with a copy of its self-check cell inserted before each solution cell."""
    checks = tagged(nb, "self-check")
    cells = []
    for c in nb.cells:
        if c.cell_type == "code" and "solution" in c.metadata.get("tags", []):
            if len(checks) != 1:
                raise AssertionError(f"an exercise needs one self-check cell, found {len(checks)}")
            cells.append(nbformat.v4.new_code_cell(checks[0].source, metadata={"tags": [BEFORE_SOLUTION]}))
        cells.append(c)
    nb.cells = cells
    return nb


if __name__ == "__main__":
    unittest.main()
