"""Writes at the top of each notebook's first code cell what it needs from the kernel (issue 21):

    // Kernel: Concurrency Lab[ (needed for NEEDS)]. On IJava or JJava, run first: %jars <checkout>/lib/target/notebook-lib/*.jar
    import java.nio.file.*; import java.time.*; ...   // what our kernel imports and IJava/JJava do not

Notebooks are found by their name without the number (`processes` for 04-processes.ipynb), which a
renumbering keeps. Run again, it replaces the lines it wrote. With --check it changes nothing and
exits 1 naming the notebooks whose first cell lacks them.

Usage: tools/kernel_needs.py [--check] [NOTEBOOK...]   (default: every notebook in notebooks/)
"""
import glob
import os
import re
import sys

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JARS = "%jars <checkout>/lib/target/notebook-lib/*.jar"
# The packages the Concurrency Lab kernel imports for every cell (ShellStart.DEFAULT_IMPORTS) beyond IJava's
# java.util, java.io, java.math, java.net, java.util.concurrent, java.util.regex: explicit, the code compiles anywhere.
IMPORTS = ("import java.nio.file.*; import java.time.*; import java.util.concurrent.atomic.*; "
           "import java.util.concurrent.locks.*; import java.util.function.*; import java.util.stream.*;")
# What only our kernel gives each notebook, by its name without the number; absent: nothing.
NEEDS = {
    "start-here": "%time and %%time",
    "processes": "child JVMs that run a cell's lambda, and the library on java.class.path",
    "pools-and-map": "a WorkerPool that maps a cell's lambda",
    "queues": "child JVMs that run a cell's lambda",
    "pipes": "child JVMs that run a cell's lambda",
    "shared-memory": "child JVMs that run a cell's lambda",
    "beyond-one-machine": "worker JVMs and Spark executors that run a cell's lambdas",
}
# Notebooks using StructuredTaskScope, a preview API in JDK 25: another kernel's JVM and compiler need --enable-preview.
PREVIEW = {"async-and-futures", "cancellation-and-backpressure", "capstone"}
MARK = "// Kernel: Concurrency Lab"


def slug(path):
    return re.sub(r"^\d+-", "", os.path.splitext(os.path.basename(path))[0])


def header(path):
    needs = NEEDS.get(slug(path))
    first = MARK + (f" (needed for {needs})" if needs else "") + f". On IJava or JJava, run first: {JARS}"
    if slug(path) in PREVIEW:
        first += ", with --enable-preview (StructuredTaskScope)"
    return [first, IMPORTS]


def apply(source, lines):
    kept = [l for l in source.split("\n") if not l.startswith(MARK) and l != IMPORTS]
    return "\n".join(lines + kept)


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    missing = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        cell = next(c for c in nb.cells if c.cell_type == "code")
        new = apply(cell.source, header(path))
        if new != cell.source:
            if check:
                missing.append(os.path.basename(path))
                continue
            cell.source = new
            nbformat.write(nb, path)
            print(f"{os.path.basename(path)}: {header(path)[0]}")
    if missing:
        print("kernel_needs: the first cell does not say what it needs from the kernel: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
