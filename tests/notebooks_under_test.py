"""The course's notebooks and the small parameters each declares for fast test runs."""
import glob
import os

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))


def read(path):
    return nbformat.read(path, as_version=4)


def small_parameters(nb):
    """name -> value from the notebook's metadata concurrency_lab.test_parameters."""
    return nb.metadata.get("concurrency_lab", {}).get("test_parameters", {})


def tagged(nb, tag):
    return [c for c in nb.cells if c.cell_type == "code" and tag in c.metadata.get("tags", [])]
