"""Says in each notebook what it needs from the kernel (issue 21), so that it runs on IJava or JJava too:

- its first cell (the title) gets a line `*Kernel:* Concurrency Lab[, for NEEDS]. On IJava or JJava, ...`
  naming what only our kernel gives it, and how to add the library there (the README's section);
- its first code cell imports the packages our kernel imports for every cell and IJava does not, one
  per line, so that the code compiles anywhere.

Notebooks are found by their name without the number (`processes` for 06-processes.ipynb), which a
renumbering keeps. Run again, it replaces the line it wrote and adds only missing imports. With --check
it changes nothing and exits 1 naming the notebooks that lack them.

Usage: tools/kernel_needs.py [--check] [NOTEBOOK...]   (default: every notebook in notebooks/)
"""
import glob
import os
import re
import sys

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The packages the Concurrency Lab kernel imports for every cell (ShellStart's default imports) beyond
# IJava's java.util, java.io, java.math, java.net, java.util.concurrent, java.util.regex.
IMPORTS = ["import java.nio.file.*;", "import java.time.*;", "import java.util.concurrent.atomic.*;",
           "import java.util.concurrent.locks.*;", "import java.util.function.*;", "import java.util.stream.*;"]
# What only our kernel gives each notebook, by its name without the number; absent: nothing.
NEEDS = {
    "start-here": "`%time` and `%%time`",
    "io-bound-loops": "the sliders (Jupyter widgets)",
    "cpu-bound-work": "the sliders (Jupyter widgets)",
    "deadlock": "`%threads` and the deadlock report",
    "processes": "child JVMs that run a cell's lambda",
    "pools-and-map": "a worker-JVM pool that maps a cell's lambda, and the sliders (Jupyter widgets)",
    "queues": "child JVMs that run a cell's lambda",
    "pipes": "child JVMs that run a cell's lambda",
    "shared-memory": "child JVMs that run a cell's lambda",
    "many-waits": "the sliders (Jupyter widgets)",
    "virtual-threads": "`%threads` and the pinning report (`%%pinning`)",
    "capstone": "the sliders (Jupyter widgets)",
    "beyond-one-machine": "worker JVMs and Spark executors that run a cell's lambdas",
}
# Notebooks using StructuredTaskScope, a preview API in JDK 25: another kernel's JVM needs --enable-preview.
PREVIEW = {"async-and-futures", "cancellation-and-backpressure", "capstone"}
MARK = "*Kernel:*"


def slug(path):
    return re.sub(r"^\d+-", "", os.path.splitext(os.path.basename(path))[0])


def kernel_line(path):
    needs = NEEDS.get(slug(path))
    line = MARK + " Concurrency Lab" + (f", for {needs}" if needs else "") + ". On IJava or JJava, add the library first"
    line += " (README, *On IJava or JJava*)"
    if slug(path) in PREVIEW:
        line += ", and run it with `--enable-preview` (`StructuredTaskScope`)"
    return line + "."


def with_kernel_line(source, line):
    kept = [l for l in source.rstrip("\n").split("\n") if not l.startswith(MARK)]
    return "\n".join(kept) + "\n\n" + line if kept[-1].strip() else "\n".join(kept) + "\n" + line


def with_imports(source):
    present = set(l.strip() for l in source.split("\n"))
    missing = [i for i in IMPORTS if i not in present]
    return source if not missing else "\n".join(missing) + "\n" + source


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
    lacking = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title = nb.cells[0]
        code = next(c for c in nb.cells if c.cell_type == "code")
        new_title, new_code = with_kernel_line(title.source, kernel_line(path)), with_imports(code.source)
        if (new_title, new_code) == (title.source, code.source):
            continue
        if check:
            lacking.append(os.path.basename(path))
            continue
        title.source, code.source = new_title, new_code
        nbformat.write(nb, path)
        print(f"{os.path.basename(path)}: {kernel_line(path)}")
    if lacking:
        print("kernel_needs: these do not say what they need from the kernel: " + ", ".join(lacking), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
