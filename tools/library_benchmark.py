"""The library's costs next to Python's multiprocessing, measured in the same run on this machine.

Usage: library_benchmark.py   (./lab bench-library runs it after building)

Prints the harness's overhead per task for each strategy, and the worker-JVM pool's start-up and
per-task round trip (in steady state, after 2 s of calls that let the JIT compile the path) beside
Python's spawn Pool doing the same, as ratios (goals from issue 4:
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


def produce(queue, n):
    for i in range(n):
        queue.put(i)
    queue.put(None)


def echo(conn):
    while True:
        m = conn.recv()
        if isinstance(m, str):
            return
        conn.send(m)


def count(how, counter, gate, per_child, times):
    with gate.get_lock():
        gate.value += 1
    while gate.value < 2:
        pass
    t0 = time.perf_counter()
    if how == "plain":
        for _ in range(per_child):
            counter.value += 1
    else:
        for _ in range(per_child):
            with counter.get_lock():
                counter.value += 1
    times.put(time.perf_counter() - t0)


def cross_process_figures(ctx):
    figures = {}
    n = 20000
    q = ctx.Queue()
    p = ctx.Process(target=produce, args=(q, n))
    p.start()
    q.get()
    t0 = time.perf_counter()
    got = 1
    while q.get() is not None:
        got += 1
    figures["queue_per_item"] = (time.perf_counter() - t0) / (got - 1)
    p.join()
    parent, child = ctx.Pipe()
    p = ctx.Process(target=echo, args=(child,))
    p.start()
    for i in range(2000):
        parent.send(i)
        parent.recv()
    trips = 5000
    t0 = time.perf_counter()
    for i in range(trips):
        parent.send(i)
        parent.recv()
    figures["pipe_round_trip"] = (time.perf_counter() - t0) / trips
    parent.send("stop")
    p.join()
    for how, per_child in (("plain", 200000), ("lock", 100000)):
        counter = ctx.RawValue("q", 0) if how == "plain" else ctx.Value("q", 0)
        gate = ctx.Value("i", 0)
        times = ctx.Queue()
        kids = [ctx.Process(target=count, args=(how, counter, gate, per_child, times)) for _ in range(2)]
        for k in kids:
            k.start()
        slowest = max(times.get(), times.get())
        for k in kids:
            k.join()
        figures[f"counter_per_increment[{how}]"] = slowest / (2 * per_child)
        figures[f"counter_lost[{how}]"] = 2 * per_child - counter.value
    return figures


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
    figures.update(cross_process_figures(ctx))
    return figures


def java_figures():
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    lib = os.path.join(ROOT, "build", "kernel", "lib")
    with open(os.path.join(ROOT, "build", "kernel", "notebook.classpath")) as f:
        jars = [os.path.join(lib, n.strip()) for n in f if n.strip().endswith(".jar")]
    # The benchmark is test code (Maven compiles it, the build does not ship it); the worker JVMs run
    # its lambdas, so the test classes go on their class path as well, after the jars the AOT cache knows.
    tests = os.path.join(ROOT, "lib", "target", "test-classes")
    if not os.path.isfile(os.path.join(tests, "concurrencylab", "bench", "LibraryBenchmark.class")):
        sys.exit(f"library_benchmark.py: no LibraryBenchmark class in {tests}; build with ./lab build first")
    cp = os.pathsep.join(jars + [tests])
    # The worker JVMs start from the AOT cache ./lab build trained, as in the kernel.
    aot = os.path.join(ROOT, "build", "kernel", "worker.aot")
    out = subprocess.run([java, "-XX:+UseSerialGC", f"-Dconcurrencylab.notebook.classpath={cp}",
                          f"-Dconcurrencylab.worker.aot={aot}", "-cp", cp, "concurrencylab.bench.LibraryBenchmark"],
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
    print(f"\n{'figure':<32} {'Java':>10} {'Python spawn':>13} {'ratio':>7}  goal")
    goals = {"pool_start[4]": 1.0, "round_trip[chunk 1]": 0.6, "round_trip[chunk 100]": 0.6}
    goals.update({"queue_per_item": 0.6, "pipe_round_trip": 0.6, "counter_per_increment[plain]": 0.6,
                  "counter_per_increment[lock]": 0.6})
    for name in ("pool_start[4]", "pool_start[16]", "round_trip[chunk 1]", "round_trip[chunk 100]", "queue_per_item",
                 "pipe_round_trip", "counter_per_increment[plain]", "counter_per_increment[atomic]",
                 "counter_per_increment[lock]"):
        if name not in python:
            print(f"{name:<32} {fmt(java[name]):>10} {'(none)':>13} {'':>7}  Python's Value has no atomic add")
            continue
        ratio = java[name] / python[name]
        goal = goals.get(name)
        verdict = "" if goal is None else (f"<= {goal} {'met' if ratio <= goal else 'NOT met'}")
        print(f"{name:<32} {fmt(java[name]):>10} {fmt(python[name]):>13} {ratio:>7.2f}  {verdict}")
    print("\nLost updates of two processes counting together (plain read-then-write, atomic add, lock):")
    for how in ("plain", "atomic", "lock"):
        j = int(java[f"counter_lost[{how}]"])
        py = python.get(f"counter_lost[{how}]")
        print(f"  {how:<8} Java {j:>9,}   Python {'-' if py is None else f'{int(py):,}':>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
