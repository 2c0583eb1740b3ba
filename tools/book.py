"""Executes every notebook with its default parameters and writes a static HTML site of the course.

Usage: book.py [--out DIR]   (./lab book runs it; the site goes to build/book/index.html)

Students without a kernel read the pages; teachers get every notebook run end to end with the
defaults (it fails when any cell fails, or a self-check does not answer in one line). The exercises
stay unsolved in the book, as a student meets them: their self-checks say "Not yet".
"""
import argparse
import glob
import html
import os
import re
import sys
import time

import nbformat

import run_notebook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def title_and_summary(nb):
    lines = nb.cells[0].source.splitlines()
    title = lines[0].lstrip("# ").strip()
    summary = next((l for l in lines[1:] if l.strip()), "")
    return title, re.sub(r"\*\*|`", "", summary)


def self_check_failures(executed):
    bad = []
    for c in executed.cells:
        if c.cell_type == "code" and "self-check" in c.metadata.get("tags", []):
            text = "".join(o.get("text", "") for o in c.outputs).strip()
            if not (text.startswith("Not yet") or text.startswith("PASS")) or len(text.splitlines()) != 1:
                bad.append(text or "no output")
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "book"))
    args = ap.parse_args(argv)
    notebooks = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
    entries, failures = [], []
    for path in notebooks:
        name = os.path.splitext(os.path.basename(path))[0]
        t0 = time.time()
        rc = run_notebook.main([path, "--out", args.out])
        took = time.time() - t0
        executed = nbformat.read(os.path.join(args.out, name + ".ipynb"), as_version=4)
        checks = self_check_failures(executed)
        if rc != 0:
            failures.append(f"{name}: a cell failed")
        elif checks:
            failures.append(f"{name}: self-check says {checks[0]}")
        page = os.path.join(args.out, name + ".html")
        if os.path.exists(page):  # links between notebooks point at their pages
            with open(page, encoding="utf-8") as f:
                text = f.read()
            with open(page, "w", encoding="utf-8") as f:
                f.write(re.sub(r'href="([0-9]{2}-[^"#]+)\.ipynb', r'href="\1.html', text))
        title, summary = title_and_summary(executed)
        entries.append((name, title, summary, took))
        print(f"book: {name} ran in {took:.0f} s{'' if rc == 0 and not checks else ' (FAILED)'}", flush=True)
    items = "\n".join(f'<li><a href="{n}.html">{html.escape(t)}</a><br><small>{html.escape(s)} '
                      f'(ran in {took:.0f} s)</small></li>' for n, t, s, took in entries)
    with open(os.path.join(args.out, "index.html"), "w", encoding="utf-8") as f:
        f.write(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Concurrency Lab</title>
<style>body{{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.5}}li{{margin:.6em 0}}</style></head>
<body><h1>Concurrency Lab: concurrency in Java 25, measured</h1>
<p>Every page is a notebook executed on {html.escape(os.uname().nodename)} with {os.cpu_count()} cores on
{time.strftime('%Y-%m-%d')}; its charts and tables are that run's measurements.</p><ol start="0">{items}</ol></body></html>""")
    total = sum(e[3] for e in entries)
    print(f"book: {len(entries)} notebooks in {total:.0f} s; site: {os.path.join(args.out, 'index.html')}")
    for f in failures:
        print(f"book: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
