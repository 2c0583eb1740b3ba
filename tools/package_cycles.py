"""Finds cycles among the Java packages of compiled classes, with the JDK's jdeps.

Usage: package_cycles.py [--jdk JAVA_HOME] CLASSES_DIR...

Prints each cycle (packages that depend on each other, directly or through others) with the class
dependencies that close it, or "no package cycle"; exits 1 when there is a cycle. Only the packages
of the given directories count: a dependency on a library is no cycle.
"""
import argparse
import os
import subprocess
import sys
from collections import defaultdict


def dependencies(jdeps, dirs):
    """(from package, to package) -> ["FromClass -> ToClass", ...] among the classes of `dirs`."""
    out = subprocess.run([jdeps, "-verbose:class", "-filter:none", *dirs], capture_output=True, text=True, check=True).stdout
    own, edges = set(), defaultdict(list)
    for line in out.splitlines():
        parts = line.split()
        # "   a.b.C   -> x.y.D   classes" (a class line); package headers and summaries have other shapes
        if len(parts) >= 3 and parts[1] == "->" and line.startswith("   "):
            source, target = parts[0], parts[2]
            own.add(source.rpartition(".")[0])
            edges[(source.rpartition(".")[0], target.rpartition(".")[0])].append(f"{source} -> {target}")
    return {k: v for k, v in edges.items() if k[0] != k[1] and k[1] in own}, own


def cycles(edges, packages):
    """The strongly connected components with more than one package (Tarjan)."""
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for p in sorted(packages):
        if p not in index:
            visit(p)
    return found


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jdk", default=os.environ.get("JAVA_HOME"), help="the JDK whose jdeps to use (default: JAVA_HOME)")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args(argv)
    if not args.jdk:
        ap.error("no JDK: give --jdk or set JAVA_HOME")
    edges, packages = dependencies(os.path.join(args.jdk, "bin", "jdeps"), args.dirs)
    found = cycles(edges, packages)
    if not found:
        print(f"no package cycle among {len(packages)} packages")
        return 0
    for component in found:
        print("cycle: " + " <-> ".join(component))
        for (a, b), classes in sorted(edges.items()):
            if a in component and b in component:
                print(f"  {a} -> {b}: " + "; ".join(sorted(set(classes))[:3]) + (" ..." if len(set(classes)) > 3 else ""))
    return 1


if __name__ == "__main__":
    sys.exit(main())
