"""The course's notebooks, the small parameters each declares for fast test runs, and their exercises.

An exercise is three cells in this order (docs/authoring.md): a code cell tagged `answer` (the
student's starting answer), a code cell tagged `self-check` (one line, `PASS ...` or `Not yet: ...`),
and a markdown cell tagged `solution` that hides, inside `<details>`, one ```java block: the source
that replaces the answer cell. Nothing a student runs with Shift+Enter or Run All applies a solution.
"""
import glob
import json
import os
import re
import sys

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import kernelspec  # noqa: E402  (where ./lab build installed the kernel: kernelspec.use_built_kernel)
NOTEBOOKS = ALL_NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
# LAB_NOTEBOOKS=03,05 runs the notebook tests on those notebooks only (while writing a lesson); the course's
# numbering and links are checked on ALL_NOTEBOOKS.
if os.environ.get("LAB_NOTEBOOKS"):
    _wanted = {n.strip().zfill(2) for n in os.environ["LAB_NOTEBOOKS"].split(",") if n.strip()}
    NOTEBOOKS = [p for p in NOTEBOOKS if os.path.basename(p)[:2] in _wanted]

SOLUTION_BLOCK = re.compile(r"```java\n(.*?)```", re.S)


def read(path):
    return nbformat.read(path, as_version=4)


def small_parameters(nb):
    """name -> value from the notebook's metadata concurrency_lab.test_parameters."""
    return nb.metadata.get("concurrency_lab", {}).get("test_parameters", {})


def tags(cell):
    return cell.metadata.get("tags", [])


def tagged(nb, tag, cell_type="code"):
    return [c for c in nb.cells if c.cell_type == cell_type and tag in tags(c)]


class Exercise:
    """One exercise of a notebook: its answer, self-check and solution cells, by index in nb.cells."""

    def __init__(self, answer, check, solution, code):
        self.answer, self.check, self.solution, self.code = answer, check, solution, code


def exercises(nb):
    """The notebook's exercises in order; AssertionError naming the cell when the pattern is broken."""
    found, answer, check = [], None, None
    for i, c in enumerate(nb.cells):
        t = tags(c)
        if c.cell_type == "code" and "solution" in t:
            raise AssertionError(f"cell {i} is a solution as code: Run All would apply it (use a markdown <details>)")
        if c.cell_type == "code" and "answer" in t:
            if answer is not None:
                raise AssertionError(f"cell {i}: a second answer before the self-check of cell {answer}")
            answer = i
        elif c.cell_type == "code" and "self-check" in t:
            if answer is None or check is not None:
                raise AssertionError(f"cell {i}: a self-check needs one answer cell before it")
            check = i
        elif c.cell_type == "markdown" and "solution" in t:
            if check is None:
                raise AssertionError(f"cell {i}: a solution before its answer and self-check")
            src = c.source
            if "<details>" not in src or "</details>" not in src:
                raise AssertionError(f"cell {i}: a solution hides its code in <details> ... </details>")
            blocks = SOLUTION_BLOCK.findall(src)
            if len(blocks) != 1:
                raise AssertionError(f"cell {i}: a solution holds exactly one ```java block, found {len(blocks)}")
            found.append(Exercise(answer, check, i, blocks[0]))
            answer = check = None
    if answer is not None or check is not None:
        raise AssertionError("an answer or a self-check without its solution cell after it")
    return found


AFTER_SOLUTION = "self-check-after-solution"


def with_solutions_checked(nb):
    """The notebook as a student steps through it, plus, right after each self-check, the solution
    pasted into a copy of the answer cell and the self-check run again (tagged self-check-after-solution).
    The notebook's own self-checks thus run on the starting answers, and the copies on the solutions."""
    extra = {}
    for ex in exercises(nb):
        solved = nbformat.v4.new_code_cell(ex.code, metadata={"tags": ["solution-applied"]})
        again = nbformat.v4.new_code_cell(nb.cells[ex.check].source, metadata={"tags": [AFTER_SOLUTION]})
        extra[ex.check] = [solved, again]
    cells = []
    for i, c in enumerate(nb.cells):
        cells.append(c)
        cells.extend(extra.get(i, []))
    nb.cells = cells
    return nb


def with_small_parameters(nb):
    """The notebook with its parameters cell's values replaced in place by the small test values
    (same cells, so a UI test can count them), for a fast run through the browser."""
    cell = tagged(nb, "parameters")[0]
    for name, value in small_parameters(nb).items():
        literal = str(value).lower() if isinstance(value, bool) else json.dumps(value)
        cell.source, n = re.subn(rf"(\b{re.escape(name)}\s*=\s*)[^;]+;", lambda m: m.group(1) + literal + ";", cell.source, count=1)
        if n != 1:
            raise AssertionError(f"the parameters cell has no assignment to {name}")
    return nb


def output_text(cell):
    return "".join(o.get("text", "") for o in cell.outputs)


def check_self_checks(test, checks):
    """Asserts, in `test`, that each (tags, text printed) of a run's self-checks is one line: "Not yet" on
    the starting answer, PASS after the solution (tagged AFTER_SOLUTION)."""
    for tags, text in checks:
        text = text.strip()
        expected = "PASS" if AFTER_SOLUTION in tags else "Not yet"
        test.assertEqual(1, len(text.splitlines()), f"a self-check answers in one line: {text}")
        test.assertTrue(text.startswith(expected), f"{'with the solution' if expected == 'PASS' else 'on the starting answer'}"
                        f" the self-check says: {text}")


def add_a_test_per_notebook(cls, prefix, check):
    """Adds to `cls` one test per notebook, `prefix` + its name, calling check(self, path): a failure and
    its time point at the notebook."""
    for path in NOTEBOOKS:
        name = os.path.splitext(os.path.basename(path))[0].replace("-", "_")
        setattr(cls, prefix + name, lambda self, p=path: check(self, p))
