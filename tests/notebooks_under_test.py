"""The course's notebooks and the small parameters each declares for fast test runs."""
import glob
import json
import os
import re
import sys

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import kernelspec  # noqa: E402  (where ./lab build installed the kernel: kernelspec.use_built_kernel)
NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))


def read(path):
    return nbformat.read(path, as_version=4)


def small_parameters(nb):
    """name -> value from the notebook's metadata concurrency_lab.test_parameters."""
    return nb.metadata.get("concurrency_lab", {}).get("test_parameters", {})


def tagged(nb, tag):
    return [c for c in nb.cells if c.cell_type == "code" and tag in c.metadata.get("tags", [])]


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
