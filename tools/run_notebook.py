"""Executes a notebook through the Concurrency Lab kernel, optionally with parameters.

Usage: run_notebook.py [--out DIR] [--timeout S] NOTEBOOK [-p name=value]...

Parameters are injected as Java assignments in a new cell right after the cell tagged
`parameters` (as papermill does), so the notebook's own defaults stay untouched. The executed
copy and an HTML export are written to DIR (default build/runs).
"""
import argparse
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import kernelspec

KERNEL = "concurrency-lab"
kernelspec.use_built_kernel()  # find the kernel ./lab build installed without help from the caller
DECLARATION = re.compile(r"^\s*(?:final\s+)?([\w.<>\[\]]+)\s+(\w+)\s*=", re.M)


def java_literal(java_type, name, raw):
    """A Java literal for `raw` fitting the declared type, or a one-line error naming the parameter."""
    t = java_type
    try:
        if t in ("int", "long", "short", "byte", "Integer", "Long"):
            int(raw)
            return raw + ("L" if t in ("long", "Long") else "")
        if t in ("double", "float", "Double", "Float"):
            float(raw)
            return raw
        if t in ("boolean", "Boolean"):
            if raw not in ("true", "false"):
                raise ValueError
            return raw
    except ValueError:
        raise SystemExit(f"lab run: parameter {name} must be a Java {t} value, got '{raw}'")
    if t in ("String", "var"):
        return '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise SystemExit(f"lab run: parameter {name} has type {t}, which -p cannot set (use int, long, double, boolean or String)")


def inject(nb, params, path):
    index = next((i for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])), None)
    if index is None:
        if params:
            raise SystemExit(f"lab run: {path} has no cell tagged 'parameters' to take -p values")
        return
    declared = {name: t for t, name in DECLARATION.findall(nb.cells[index].source)}
    lines = []
    for name, raw in params:
        if name not in declared:
            raise SystemExit(f"lab run: no parameter '{name}' in {os.path.basename(path)}; "
                             f"its parameters are: {', '.join(declared) or 'none'}")
        lines.append(f"{name} = {java_literal(declared[name], name, raw)};")
    if lines:
        cell = nbformat.v4.new_code_cell("// Injected by ./lab run\n" + "\n".join(lines))
        cell.metadata["tags"] = ["injected-parameters"]
        nb.cells.insert(index + 1, cell)


def parse_params(values):
    params = []
    for v in values:
        if "=" not in v or not v.split("=", 1)[0].strip():
            raise SystemExit(f"lab run: -p takes name=value, got '{v}'")
        name, raw = v.split("=", 1)
        params.append((name.strip(), raw.strip()))
    return params


DETAILS = re.compile(r"(<details>\s*<summary>.*?</summary>)(.*?)(</details>)", re.S)


def with_details_rendered(nb):
    """A copy whose markdown inside <details> is HTML: nbconvert's markdown renderer passes a
    <details> block through as raw text (JupyterLab renders it as markdown, so a solution's code
    and text would show as ``` fences on the exported page)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    copy = nbformat.from_dict(nb)
    for c in copy.cells:
        if c.cell_type == "markdown" and "<details>" in c.source:
            c.source = DETAILS.sub(lambda m: m.group(1) + "\n" + markdown2html_mistune(m.group(2)) + m.group(3), c.source)
    return copy


def without_widget_state(nb):
    """The notebook without the widgets' saved state: nbconvert then draws each interactive cell's own
    fallback (its result at the sliders' values, and the line saying they need JupyterLab) instead of
    the widget, whose page script would come from a CDN (unpkg.com) and show nothing offline."""
    nb.metadata.pop("widgets", None)
    return nb


def export_html(nb, html_path):
    try:
        from nbconvert import HTMLExporter
    except ImportError:
        print("lab run: nbconvert is not installed, so no HTML export", file=sys.stderr)
        return None
    body, _ = HTMLExporter().from_notebook_node(without_widget_state(with_details_rendered(nb)))
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(body)
    return html_path


def main(argv=None):
    ap = argparse.ArgumentParser(description="Execute a notebook with parameters.")
    ap.add_argument("notebook")
    ap.add_argument("-p", dest="params", action="append", default=[], metavar="name=value")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "build", "runs"))
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = ap.parse_args(argv)

    nb = nbformat.read(args.notebook, as_version=4)
    inject(nb, parse_params(args.params), args.notebook)
    os.makedirs(args.out, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.notebook))[0]
    out_nb = os.path.join(args.out, name + ".ipynb")
    client = NotebookClient(nb, timeout=args.timeout, kernel_name=KERNEL,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}})
    failed = None
    try:
        client.execute()
    except CellExecutionError as e:
        failed = e
    nbformat.write(nb, out_nb)
    html = export_html(nb, os.path.join(args.out, name + ".html"))
    print(f"executed: {out_nb}" + (f"\nhtml: {html}" if html else ""))
    if failed is not None:
        first = str(failed).strip().splitlines()
        print(f"lab run: {name} failed: {first[-1] if first else failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
