"""./lab run: one notebook, parameters injected after the parameters cell, executed copy + HTML."""
import os
import subprocess
import unittest

import nbformat

from notebooks_under_test import ROOT

LAB = os.path.join(ROOT, "lab")
NB = os.path.join(ROOT, "notebooks", "01-io-bound-loops.ipynb")
RUNS = os.path.join(ROOT, "build", "runs")


class LabRunTest(unittest.TestCase):
    def test_parameters_are_injected_and_take_effect(self):
        proc = subprocess.run([LAB, "run", NB, "-p", "files=3", "-p", "waitMillis=20", "-p", "workers=2", "-p", "repeats=1"],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(0, proc.returncode, proc.stderr[-3000:])
        executed = nbformat.read(os.path.join(RUNS, "01-io-bound-loops.ipynb"), as_version=4)
        params = [i for i, c in enumerate(executed.cells) if "parameters" in c.metadata.get("tags", [])][0]
        injected = executed.cells[params + 1]
        self.assertEqual(["injected-parameters"], injected.metadata.tags)
        self.assertIn("files = 3;", injected.source)
        text = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs)
        self.assertIn("ceil(n/k) = 2 waves", text, "3 files on 2 workers: the run used the injected values")
        html = os.path.join(RUNS, "01-io-bound-loops.html")
        self.assertTrue(os.path.getsize(html) > 10000)
        with open(html, encoding="utf-8") as f:
            page = f.read()
        self.assertIn("data:image/png;base64", page)
        # Without a widget manager the sliders' cell shows its charts at the sliders' start values, the
        # injected parameters, after one line saying the sliders need JupyterLab; on the page too.
        interactive = [c for c in executed.cells if "interactive" in c.metadata.get("tags", [])]
        self.assertTrue(interactive)
        for c in interactive:
            shown = [o["data"] for o in c.outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
            self.assertEqual(1, len(shown), "the cell shows one widget")
            self.assertTrue(shown[0]["text/plain"].startswith("The controls need JupyterLab"), shown[0]["text/plain"][:120])
            self.assertIn("workers = 2, files = 3, wait ms = 20", shown[0]["text/plain"].splitlines()[0])
            self.assertIn("image/png", shown[0], "its chart")
            self.assertIn('<img src="data:image/png;base64,', shown[0]["text/html"])
        self.assertEqual(len(interactive), page.count("The controls need JupyterLab"),
                         "the page shows each sliders' cell's charts, not an empty widget")

    def test_unknown_parameter_is_one_clear_line(self):
        proc = subprocess.run([LAB, "run", NB, "-p", "fils=3"], capture_output=True, text=True, timeout=120)
        self.assertNotEqual(0, proc.returncode)
        self.assertIn("lab run: no parameter 'fils' in 01-io-bound-loops.ipynb; its parameters are: files, waitMillis, workers, repeats",
                      proc.stderr)

    def test_a_notebook_is_named_by_its_name_or_number_too(self):
        for name in ("01-io-bound-loops", "1"):
            proc = subprocess.run([LAB, "run", name, "-p", "fils=3"], capture_output=True, text=True, timeout=120)
            self.assertIn("lab run: no parameter 'fils' in 01-io-bound-loops.ipynb", proc.stderr, name)
        proc = subprocess.run([LAB, "run", "99"], capture_output=True, text=True, timeout=120)
        self.assertIn("lab: no notebook '99'", proc.stderr)

    def test_wrongly_typed_parameter_is_one_clear_line(self):
        proc = subprocess.run([LAB, "run", NB, "-p", "workers=four"], capture_output=True, text=True, timeout=120)
        self.assertNotEqual(0, proc.returncode)
        self.assertIn("lab run: parameter workers must be a Java int value, got 'four'", proc.stderr)


if __name__ == "__main__":
    unittest.main()
