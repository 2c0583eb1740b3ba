"""The library's costs next to Python's multiprocessing, measured in the same run on this machine.

Usage: library_benchmark.py   (./lab bench-library runs it after building)

Prints the harness's overhead per task for each strategy, and the worker-JVM pool's start-up and
per-task round trip beside Python's spawn Pool doing the same, as ratios (goals from issue 4:
pool start for 4 no slower than Python's spawn Pool(4); round trip at most 0.6x Python's).
"""
import glob
import multiprocessing
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def noop(x):
    return x


def pid(_):
    return os.getpid()


def python_figures():
    ctx = multiprocessing.get_context("spawn")
    figures = {}
    for k in (4, 16):
        starts = []
        for _ in range(3):
            t0 = time.perf_counter()
            with ctx.Pool(k) as pool:
                pool.map(pid, range(k), chunksize=1)  # every worker has answered
                starts.append(time.perf_counter() - t0)
        figures[f"pool_start[{k}]"] = statistics.median(starts)
    with ctx.Pool(4) as pool:
        n = 4000
        for chunk in (1, 100):
            pool.map(noop, range(n), chunksize=chunk)
            per = []
            for _ in range(5):
                t0 = time.perf_counter()
                pool.map(noop, range(n), chunksize=chunk)
                per.append((time.perf_counter() - t0) / n)
            figures[f"round_trip[chunk {chunk}]"] = statistics.median(per)
    return figures


def java_figures():
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    lib = os.path.join(ROOT, "build", "kernel", "lib")
    with open(os.path.join(ROOT, "build", "kernel", "notebook.classpath")) as f:
        cp = os.pathsep.join(os.path.join(lib, n.strip()) for n in f if n.strip().endswith(".jar"))
    out = subprocess.run([java, "-XX:+UseSerialGC", "-cp", cp, "concurrencylab.bench.LibraryBenchmark"],
                         capture_output=True, text=True, check=True).stdout
    figures = {}
    for line in out.splitlines():
        name, value = line.rsplit(" ", 1)
        figures[name] = float(value)
    return figures


def fmt(seconds):
    return f"{seconds * 1e6:.2f} us" if seconds < 1e-3 else f"{seconds * 1e3:.0f} ms"


def main():
    java = java_figures()
    python = python_figures()
    print("Harness overhead per task (no-op tasks):")
    for name, value in java.items():
        if name.startswith("overhead_per_task"):
            print(f"  {name[len('overhead_per_task['):-1]:<32} {fmt(value):>10}")
    print(f"\n{'figure':<24} {'Java':>10} {'Python spawn':>13} {'ratio':>7}  goal")
    goals = {"pool_start[4]": 1.0, "round_trip[chunk 1]": 0.6, "round_trip[chunk 100]": 0.6}
    for name in ("pool_start[4]", "pool_start[16]", "round_trip[chunk 1]", "round_trip[chunk 100]"):
        ratio = java[name] / python[name]
        goal = goals.get(name)
        verdict = "" if goal is None else (f"<= {goal} {'met' if ratio <= goal else 'NOT met'}")
        print(f"{name:<24} {fmt(java[name]):>10} {fmt(python[name]):>13} {ratio:>7.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
