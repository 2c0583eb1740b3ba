"""Measures the Concurrency Lab kernel through jupyter_client and prints medians next to the
figures measured for IJava, JJava and rapaio (shared/docs/kernels.md). Figures, not assertions.

Usage: kernel_benchmark.py [--starts N] [--round-trips N] [--only watch|widgets] [--session-cells N | --long]

A teacher's day in one kernel (--session-cells N, 1,000 with --long, as ./lab bench-kernel runs it; none
by default, as ./lab test runs it): lesson-like cells run again and again, with interrupts; RSS, live
heap and the 1+1 round trip at 100, 500 and 1,000 cells, then RSS while idle after a burst.
"""
import argparse
import os
import queue
import re
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

import kernelspec

KERNEL = "concurrency-lab"
OTHERS = {  # best of IJava / JJava / rapaio, from kernels.md
    "cold start to first 1+1 result": "1.43 s",
    "1+1 round trip, median of cells 7-46": "87 ms",
    "kernel_info round trip, median": "53 ms",
    "RSS after 31 cells": "264 MB",
    "interrupt Thread.sleep": "23 ms",
    # JJava's, from kernels.md: the same kind of cells, 2026-12-03
    "RSS after 100 cells of a day": "498 MB",
    "RSS after 500 cells of a day": "895 MB",
    "RSS after 1000 cells of a day": "1259 MB",
    "slider change to new output, median of 30 (trivial callback)": "no widgets",
    "measurement redraw minus the measurement, median of 7": "no widgets",
}
# The deadlock watch is ours alone: no other Java kernel looks for deadlocks.


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def kernel_java():
    """The java the kernelspec starts (./lab found the JDK 25 for it): its jcmd reads the kernel's heap."""
    from jupyter_client.kernelspec import KernelSpecManager
    return KernelSpecManager().get_kernel_spec(KERNEL).argv[0]


def live_heap_mb(pid):
    """Live objects after a full GC, from the class histogram (which runs one). Not the filler arrays: a
    serial full GC leaves up to 5% of the heap's capacity as dead space it did not compact."""
    import subprocess
    jcmd = os.path.join(os.path.dirname(kernel_java()), "jcmd")
    out = subprocess.run([jcmd, str(pid), "GC.class_histogram"], capture_output=True, text=True).stdout
    total = [line for line in out.splitlines() if line.startswith("Total")]
    fillers = sum(int(line.split()[2]) for line in out.splitlines() if "jdk.internal.vm.Filler" in line)
    return (int(total[0].split()[2]) - fillers) / 1e6 if total else float("nan")


def execute(kc, code, timeout=120):
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content'].get('evalue')}")
    return reply


def cold_start():
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
    execute(kc, "1+1")
    took = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return took


def cpu_idle_fraction(seconds=1.0):
    """The machine's idle CPU share over `seconds`, from /proc/stat."""
    def snapshot():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    idle0, total0 = snapshot()
    time.sleep(seconds)
    idle1, total1 = snapshot()
    return (idle1 - idle0) / max(1, total1 - total0)


def wait_until_quiet(limit=30.0):
    """Starts the measurements once the machine is at least 90% idle (a build may still be finishing)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if cpu_idle_fraction() >= 0.9:
            return time.monotonic() - t0
    return time.monotonic() - t0


def median_ms(samples):
    return statistics.median(samples) * 1000


def with_kernel(measure):
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
    try:
        measure(km, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def timed_median_ms(n, action):
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        action()
        samples.append(time.perf_counter() - t0)
    return median_ms(samples)


def round_trips(km, kc, n, results):
    for _ in range(6):
        execute(kc, "1+1")  # the first cells, which compile javac's paths for the first time
    results[f"1+1 round trip, median of cells 7-{6 + n}"] = f"{timed_median_ms(n, lambda: execute(kc, '1+1')):.1f} ms"
    for _ in range(100 - 6 - n):
        execute(kc, "1+1")  # by cell 100 the JIT has compiled javac's paths
    results[f"1+1 round trip, median of cells 101-{100 + n}"] = f"{timed_median_ms(n, lambda: execute(kc, '1+1')):.1f} ms"
    results["kernel_info round trip, median"] = f"{timed_median_ms(n, lambda: kc.kernel_info(reply=True, timeout=10)):.1f} ms"

    kc.execute("Thread.sleep(60_000);")
    time.sleep(0.5)
    t0 = time.perf_counter()
    km.interrupt_kernel()
    while kc.get_shell_msg(timeout=10)["msg_type"] != "execute_reply":
        pass
    results["interrupt Thread.sleep"] = f"{(time.perf_counter() - t0) * 1000:.0f} ms"


# A lesson's first cells: a measurement, its table, two charts.
LESSON_CELLS = [
    "import concurrencylab.workload.*; import concurrencylab.strategy.*; import concurrencylab.measure.*; import concurrencylab.chart.*;",
    "var work = Workloads.simulatedIo(8, Duration.ofMillis(5));",
    "var results = Measurement.of(work).repeats(2).progress(s -> {}).run(Strategies.sequential(), Strategies.fixedPool(4));",
    "results.table()", "Charts.wallTimes(results)", "Charts.timeline(results.of(\"fixed pool of 4\"))",
]


def first_renders(idle_seconds, results):
    """A fresh kernel's first table and chart, the lesson's cells run right after its first cell or after
    it was idle for a while (as when a teacher opens a notebook and talks): then it has rendered a chart
    and a table of its own."""
    def measure(km, kc):
        execute(kc, "1+1")
        time.sleep(idle_seconds)
        for c in LESSON_CELLS[:3]:
            execute(kc, c)
        when = f"after {idle_seconds:.0f} s idle" if idle_seconds else "cells run at once"
        for name, cell in (("table", LESSON_CELLS[3]), ("chart", LESSON_CELLS[4])):
            t0 = time.perf_counter()
            execute(kc, cell)
            results[f"first {name} of a lesson, {when}"] = f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    with_kernel(measure)


def memory(km, kc, results):
    """31 cells as in a lesson (a measurement, a table, two charts, definitions), then redefinitions."""
    pid = km.provisioner.process.pid
    cells = list(LESSON_CELLS)
    for i in range(31 - len(cells)):
        cells.append(f"int v{i} = {i} * 2;\nString s{i} = \"cell \" + v{i};\ns{i}")
    for c in cells:
        execute(kc, c)
    results["RSS after 31 cells"] = f"{rss_mb(pid):.0f} MB"
    time.sleep(4)  # idle: the kernel reads the class path's package names for completion now, and warms its renderers
    results["RSS after 31 cells and 4 s idle"] = f"{rss_mb(pid):.0f} MB"

    execute(kc, "var big = new byte[1_000_000];")
    live = [live_heap_mb(pid)]
    for i in range(500):
        execute(kc, "var big = new byte[1_000_000];")
        if i in (249, 499):
            live.append(live_heap_mb(pid))
    results["live heap after redefining a 1 MB variable 0/250/500 times"] = " / ".join(f"{m:.0f}" for m in live) + " MB"


def comm_ids(kc, code):
    """Runs a cell that shows widgets; returns its comm ids by (model name, description)."""
    opened = {}

    def hook(msg):
        if msg["msg_type"] == "comm_open":
            state = msg["content"]["data"]["state"]
            opened[(state["_model_name"], state.get("description"))] = msg["content"]["comm_id"]

    reply = kc.execute_interactive(code, timeout=120, output_hook=hook)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {reply['content'].get('evalue')}")
    return opened


def move_and_wait(kc, slider, output, value, shows):
    """Sends the frontend's update of a slider; returns seconds until the output area shows `shows`."""
    msg = kc.session.msg("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})
    t0 = time.perf_counter()
    kc.shell_channel.send(msg)
    while True:
        m = kc.get_iopub_msg(timeout=60)
        data = m["content"].get("data", {})
        if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output and "outputs" in data.get("state", {}):
            if any(shows in str(o.get("data", o.get("text", ""))) for o in data["state"]["outputs"]):
                return time.perf_counter() - t0


def drain(kc, quiet=0.3):
    while True:
        try:
            kc.get_iopub_msg(timeout=quiet)
        except queue.Empty:
            return


def widget_round_trips(km, kc, n, results):
    """A slider moved n times (after 10 untimed moves) on a trivial interact, then on a measurement:
    from the frontend's comm_msg to the new output in the interact's output area, as JupyterLab gets it."""
    execute(kc, "1+1")
    ids = comm_ids(kc, 'import concurrencylab.widget.*;\n'
                       'var bench = Widgets.interact(v -> "n=" + v.getInt("n"), Widgets.intSlider("n", 0, 0, 1000));')
    slider, output = ids[("IntSliderModel", "n")], ids[("OutputModel", None)]
    drain(kc)
    for i in range(1, 11):
        move_and_wait(kc, slider, output, i, f"n={i}")
    samples = [move_and_wait(kc, slider, output, i, f"n={i}") for i in range(11, 11 + n)]
    results[f"slider change to new output, median of {n} (trivial callback)"] = f"{median_ms(samples):.1f} ms"
    results[f"1+1 round trip in the same kernel, median of {n}"] = f"{timed_median_ms(n, lambda: execute(kc, '1+1')):.1f} ms"

    ids = comm_ids(kc, 'import concurrencylab.workload.*; import concurrencylab.strategy.*; import concurrencylab.measure.*; import concurrencylab.chart.*;\n'
                       'var measured = new java.util.concurrent.atomic.AtomicLong();\n'
                       'var redraw = Widgets.interact(v -> {\n'
                       '    long t0 = System.nanoTime();\n'
                       '    var r = Measurement.of(Workloads.simulatedIo(8, Duration.ofMillis(10))).warmups(0).repeats(1).progress(v::progress)\n'
                       '            .run(Strategies.sequential(), Strategies.fixedPool(v.getInt("workers")));\n'
                       '    measured.set(System.nanoTime() - t0);\n'
                       '    display(Charts.wallTimes(r));\n'
                       '    return r.table();\n'
                       '}, Widgets.intSlider("workers", 1, 1, 64));')
    slider, output = ids[("IntSliderModel", "workers")], ids[("OutputModel", None)]
    drain(kc)
    overheads, totals = [], []
    for w in range(2, 11):
        took = move_and_wait(kc, slider, output, w, f"fixed pool of {w}")
        drain(kc, 0.1)
        reply = []
        kc.execute_interactive("measured.get()", timeout=30,
                               output_hook=lambda m: reply.append(m) if m["msg_type"] == "execute_result" else None)
        measure = int(reply[-1]["content"]["data"]["text/plain"]) / 1e9
        if w >= 4:  # the first moves compile the chart's and the table's paths
            overheads.append(took - measure)
            totals.append(took)
    results["measurement redraw minus the measurement, median of 7"] = (
        f"{median_ms(overheads):.0f} ms (of {median_ms(totals):.0f} ms)")


def cpu_seconds(pid):
    """User + system CPU time of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def result_text(kc, code, timeout=120):
    shown = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: shown.append(m))
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content'].get('evalue')}")
    return "".join(m["content"]["data"].get("text/plain", "") for m in shown if m["msg_type"] == "execute_result")


# Threads that wait (a latch), as a lesson leaves them: the deadlock watch looks at them all, each second.
WAITING_THREADS = ("var release = new CountDownLatch(1);\n"
                   "Runnable wait = () -> { try { release.await(); } catch (InterruptedException e) { } };\n"
                   "for (int i = 0; i < 20; i++) new Thread(wait).start();\n"
                   "for (int i = 0; i < {virtual}; i++) Thread.ofVirtual().start(wait);")


def deadlock_watch(virtual, seconds, results):
    """What the deadlock watch costs while a cell runs: its own accounting (CPU of its looks, %threads prints it)
    and the kernel's CPU while a cell sleeps next to the same time idle (half before it, half after), with 20
    platform and `virtual` virtual threads waiting. A fresh kernel, so the accounting covers this cell only."""
    def measure(km, kc):
        pid = km.provisioner.process.pid
        execute(kc, WAITING_THREADS.replace("{virtual}", str(virtual)))
        time.sleep(3)  # the kernel's idle work (package names, the render warm-up) ends
        def idle_share():
            c0, t0 = cpu_seconds(pid), time.monotonic()
            time.sleep(seconds / 2)
            return (cpu_seconds(pid) - c0) / (time.monotonic() - t0)
        before = idle_share()
        c0, t0 = cpu_seconds(pid), time.monotonic()
        execute(kc, f"Thread.sleep({seconds * 1000});")
        busy = (cpu_seconds(pid) - c0) / (time.monotonic() - t0)
        idle = min(before, idle_share())  # idle on both sides: the kernel's idle work after a start may run into the first
        text = result_text(kc, "%threads")
        execute(kc, "release.countDown();")
        m = re.search(r"Deadlock watch: ([\d,]+) looks while cells ran, (.+?) of CPU in all, ([\d.]+)% of one core; (.*?)\.$", text, re.M)
        name = f"deadlock watch, 20 platform + {virtual:,} virtual threads waiting"
        results[f"{name}: its looks' CPU"] = f"{float(m.group(3)):.3f}% of a core ({m.group(1)} looks, {m.group(2)}; {m.group(4)})" if m else "not printed"
        results[f"{name}: kernel CPU in a sleeping cell - idle"] = f"{(busy - idle) * 100:.2f}% of a core"
    with_kernel(measure)
def day_cell(i):
    """Cell i of a teacher's day (from 0): four notebooks of 250 cells, each a lesson of 50 cells run five
    times (re-run cells redefine their names), the cells in turn declarations, collections, a record, a
    stream, a print and a 1+1, whose round trip is timed."""
    notebook, n = i // 250, i % 50
    name = f"{notebook}_{n}"
    return [
        f"int a{name} = {i};\nString s{name} = \"value \" + a{name};\nlong t{name} = a{name} * 3L;",
        f"var list{name} = new ArrayList<Integer>();\nfor (int j = 0; j < 100; j++) list{name}.add(j * {i});\n"
        f"var map{name} = new HashMap<String, Integer>(Map.of(\"a\", 1, \"b\", {i}));\nlist{name}.size() + map{name}.size()",
        f"record Point{name}(int x, int y) {{ double norm() {{ return Math.hypot(x, y); }} }}\n"
        f"var p{name} = new Point{name}(3, {i});\np{name}.norm()",
        f"IntStream.rangeClosed(1, {i % 97 + 10}).filter(x -> x % 3 == 0).boxed().map(x -> x * x).collect(Collectors.toList())",
        f"System.out.println(\"cell {i}: \" + {i} * 2);",
        "1+1",
    ][i % 6]


def interrupted(km, kc, code):
    msg_id = kc.execute(code)
    time.sleep(0.3)
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def long_session(km, kc, cells, idle_limit, results):
    """A teacher's day: `cells` cells of day_cell, ten interrupts of a busy loop in the middle; RSS, live heap
    and the median 1+1 of the last 100 cells at 100, 500 and 1,000; then RSS while the kernel is idle."""
    pid = km.provisioner.process.pid
    points = [p for p in (100, 500, 1000) if p <= cells]
    interrupts = set(range(cells // 2 - 50, cells // 2 + 50, 10))
    one_plus_one = {}  # cell number -> seconds
    live = {}
    for i in range(cells):
        if i in interrupts:
            reply = interrupted(km, kc, "while (true) {}")
            if reply["content"].get("ename") != "Interrupted":
                raise RuntimeError(f"the interrupt at cell {i} did not stop the loop: {reply['content']}")
        code = day_cell(i)
        t0 = time.perf_counter()
        execute(kc, code)
        if code == "1+1":
            one_plus_one[i + 1] = time.perf_counter() - t0
        if i + 1 in points:
            n = i + 1
            rss = rss_mb(pid)
            live[n] = live_heap_mb(pid)
            rt = median_ms([t for c, t in one_plus_one.items() if n - 100 < c <= n])
            results[f"RSS after {n} cells of a day"] = f"{rss:.0f} MB"
            results[f"live heap after {n} cells"] = f"{live[n]:.0f} MB"
            results[f"1+1 round trip, median of cells {n - 99}-{n}"] = f"{rt:.1f} ms"
    first, last = points[0], points[-1]
    if last > first:
        results[f"live heap growth per cell, cells {first}-{last}"] = f"{(live[last] - live[first]) * 1000 / (last - first):.0f} KB"
        early = median_ms([t for c, t in one_plus_one.items() if 100 < c <= 200])
        late = median_ms([t for c, t in one_plus_one.items() if last - 100 < c <= last])
        results[f"1+1 round trip, cells {last - 99}-{last} / cells 101-200"] = f"{late / early:.2f}"
    # A burst after the day, with no class histogram (its full GC would give memory back itself), then idle.
    for i in range(cells, cells + 100):
        execute(kc, day_cell(i))
    t0 = time.monotonic()
    peak = rss_mb(pid)
    while True:
        time.sleep(1)
        rss, waited = rss_mb(pid), time.monotonic() - t0
        if rss < 300 or waited >= idle_limit:
            break
    results[f"RSS after a burst of 100 cells, then idle (at most {idle_limit} s)"] = f"{peak:.0f} -> {rss:.0f} MB in {waited:.0f} s"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--round-trips", type=int, default=40)
    ap.add_argument("--only", choices=["watch", "widgets"], help="only the deadlock watch's cost, or only the slider figures")
    ap.add_argument("--session-cells", type=int, default=0, help="cells of the teacher's day (default 0: none)")
    ap.add_argument("--long", action="store_true", help="a whole day: 1,000 cells (./lab bench-kernel)")
    ap.add_argument("--idle", type=int, default=60, help="seconds of idle at most after the day")
    args = ap.parse_args(argv)
    if args.long:
        args.session_cells = 1000
    if args.session_cells != 0 and not 100 <= args.session_cells <= 5000:
        ap.error(f"--session-cells must be 0 or from 100 to 5000, not {args.session_cells}")
    kernelspec.use_built_kernel()

    waited = wait_until_quiet()
    print(f"(measuring on a quiet machine: waited {waited:.0f} s for it to be 90% idle)" if waited < 30
          else "(the machine stayed busy for 30 s: the figures below are slower than usual)")
    results = {}
    if not args.only:
        results["cold start to first 1+1 result"] = f"{statistics.median(cold_start() for _ in range(args.starts)):.2f} s"
        with_kernel(lambda km, kc: round_trips(km, kc, args.round_trips, results))
        with_kernel(lambda km, kc: memory(km, kc, results))  # a fresh kernel: its first 31 cells
        first_renders(0, results)
        first_renders(4, results)
    if args.only in (None, "widgets"):
        with_kernel(lambda km, kc: widget_round_trips(km, kc, 30, results))
    if args.only in (None, "watch"):
        deadlock_watch(200, 10, results)
        deadlock_watch(10_000, 10, results)
    t0 = time.monotonic()
    if args.session_cells and not args.only:
        with_kernel(lambda km, kc: long_session(km, kc, args.session_cells, args.idle, results))
    took = time.monotonic() - t0

    width = max(len(k) for k in results)
    print(f"\n{'figure':<{width}}  {'Concurrency Lab':>16}  {'best of IJava/JJava/rapaio':>26}")
    for k, v in results.items():
        print(f"{k:<{width}}  {v:>16}  {OTHERS.get(k, '-'):>26}")
    if args.session_cells:
        print(f"\n(the day of {args.session_cells} cells took {took:.0f} s)")
    else:
        print("\n(a teacher's day of 1,000 cells: ./lab bench-kernel, or this with --long)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
