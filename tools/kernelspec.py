"""The Concurrency Lab kernel's JVM command, in one place: the kernelspec and the AOT training run
use the same flags and class path, as the JDK's AOT cache requires.

Usage:
  kernelspec.py install JAVA KERNEL_LIB_DIR KERNELS_DIR [--aot FILE]   write KERNELS_DIR/concurrency-lab/kernel.json
  kernelspec.py train JAVA KERNEL_LIB_DIR AOT_FILE                     build the AOT caches (kernel, worker JVMs) by training runs
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile

NAME = "concurrency-lab"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD_JUPYTER = os.path.join(ROOT, "build", "jupyter")  # ./lab build installs the kernelspec in its kernels/
JVM_FLAGS = [
    "-XX:+UseSerialGC",              # one GC thread, the smallest footprint
    "-Xms32m",                       # start small: the default initial heap is 1/64 of RAM (384 MB here)
    "-XX:MinHeapFreeRatio=10",
    "-XX:MaxHeapFreeRatio=20",       # give memory back after javac's bursts of garbage
    "-Djava.awt.headless=true",      # charts render without a display
    "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow",
    "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED",  # so the kernel can switch JShell's completion index off
    "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED",  # the deadlock watch reads virtual threads' states without a dump
    "--enable-preview",              # StructuredTaskScope (preview in 25) in cells and in the library
]


def use_built_kernel(env=None):
    """Puts BUILD_JUPYTER first on JUPYTER_PATH in `env` (this process's environment by default) and
    returns it: jupyter_client, and servers started with that environment, then run this checkout's
    kernel. The launcher does the same for its commands."""
    env = os.environ if env is None else env
    rest = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != BUILD_JUPYTER]
    env["JUPYTER_PATH"] = os.pathsep.join([BUILD_JUPYTER] + rest)
    return env


def class_path(lib_dir):
    # An explicit, sorted list: a wildcard's expansion order is not fixed, and the AOT cache checks it.
    jars = sorted(glob.glob(os.path.join(lib_dir, "*.jar")))
    if not jars:
        sys.exit(f"kernelspec: no jars in {lib_dir}; run ./lab build")
    return os.pathsep.join(jars)


def notebook_jars(lib_dir):
    """The jars cell code compiles against and worker JVMs run with (listed by ./lab build)."""
    listing = os.path.join(os.path.dirname(lib_dir), "notebook.classpath")
    if not os.path.exists(listing):
        return []
    with open(listing) as f:
        names = [line.strip() for line in f if line.strip().endswith(".jar")]
    return [os.path.join(lib_dir, n) for n in names if os.path.exists(os.path.join(lib_dir, n))]


def java_feature(java):
    """The JDK's feature release (25), from its release file."""
    try:
        with open(os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(java))), "release")) as f:
            for line in f:
                if line.startswith("JAVA_VERSION="):
                    return int(line.split("=", 1)[1].strip().strip('"').split(".")[0])
    except (OSError, ValueError):
        pass
    return 25


def compile_classes(java, lib_dir, jars):
    """The notebook jars' class files unpacked into one directory, the class path of javac in JShell.
    javac indexes every entry of every jar on its class path before its first lookup (20,000 here:
    fastutil, icu4j), about 0.4 s of a cold start; a directory it only reads package by package.
    Multi-release entries up to this JDK replace their base classes; on a clash the first jar wins, as
    on a class path. Rebuilt when the jars change (./lab build starts from an empty build/kernel)."""
    out = os.path.join(os.path.dirname(lib_dir), "compile-classes")
    stamp = os.path.join(out, ".jars")
    key = "\n".join(f"{j} {os.path.getsize(j)} {os.path.getmtime(j)}" for j in jars)
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read() == key:
                return out
    shutil.rmtree(out, ignore_errors=True)
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    feature = java_feature(java)
    written = set()
    for jar in jars:
        with zipfile.ZipFile(jar) as z:
            chosen = {}  # class file path -> (version, entry)
            for name in z.namelist():
                if not name.endswith(".class") or name.endswith("module-info.class") or ".." in name.split("/"):
                    continue  # module-info would clash between jars; ".." would leave the directory
                version, path = 8, name
                if name.startswith("META-INF/versions/"):
                    parts = name.split("/", 3)
                    if len(parts) < 4 or not parts[2].isdigit() or int(parts[2]) > feature:
                        continue
                    version, path = int(parts[2]), parts[3]
                elif name.startswith("META-INF/"):
                    continue
                if path not in chosen or version > chosen[path][0]:
                    chosen[path] = (version, name)
            for path, (_, name) in chosen.items():
                if path in written:
                    continue
                written.add(path)
                target = os.path.join(tmp, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(z.read(name))
    with open(os.path.join(tmp, ".jars"), "w") as f:
        f.write(key)
    os.rename(tmp, out)
    return out


def java_command(java, lib_dir, aot=None):
    cmd = [java] + JVM_FLAGS
    jars = notebook_jars(lib_dir)
    if jars:
        # Worker JVMs run with the jars (their AOT cache needs jars); javac reads the same classes unpacked.
        cmd.append(f"-Dconcurrencylab.notebook.classpath={os.pathsep.join(jars)}")
        cmd.append(f"-Dconcurrencylab.compile.classpath={compile_classes(java, lib_dir, jars)}")
    if aot and os.path.exists(aot):
        cmd += [f"-XX:AOTCache={aot}", "-Xlog:aot=off", "-Xlog:cds=off"]  # a stale cache is skipped quietly
    cmd.append(f"-Dconcurrencylab.worker.aot={worker_aot(lib_dir)}")   # worker JVMs start from it when it exists
    return cmd + ["-cp", class_path(lib_dir)]


def worker_aot(lib_dir):
    return os.path.join(os.path.dirname(lib_dir), "worker.aot")


def train_worker(java, lib_dir):
    """The worker JVMs' AOT cache: a training pool of one worker writes it as it exits."""
    out = worker_aot(lib_dir)
    t0 = time.time()
    cmd = java_command(java, lib_dir) + [f"-Dconcurrencylab.worker.aot.output={out}", "concurrencylab.process.WorkerTraining"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(out):
        print(f"kernelspec: no worker AOT cache (worker JVMs will start slower): {proc.stderr.strip()[-500:]}", file=sys.stderr)
        return
    print(f"AOT cache {out}: {os.path.getsize(out) / 1e6:.0f} MB in {time.time() - t0:.0f} s")


def install(java, lib_dir, kernels_dir, aot=None):
    spec_dir = os.path.join(kernels_dir, NAME)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {
        "argv": java_command(java, lib_dir, aot) + ["concurrencylab.kernel.KernelMain", "{connection_file}"],
        "display_name": "Java 25 (Concurrency Lab)",
        "language": "java",
        "interrupt_mode": "message",
        # Spark's web UI binds to every interface unless told otherwise; everything here stays on loopback.
        "env": {"SPARK_LOCAL_IP": "127.0.0.1"},
        "metadata": {"debugger": False},
    }
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=2)
    # The logo JupyterLab's launcher and the classic UI show next to the kernel's name.
    logos = os.path.join(os.path.dirname(os.path.abspath(__file__)), "logo")
    for name in ("logo-svg.svg", "logo-32x32.png", "logo-64x64.png"):
        shutil.copy(os.path.join(logos, name), spec_dir)
    print(spec_dir)


# The training run's cells, like the course's: expressions, declarations, errors, a measurement, a
# chart, a table, output. One round: the cache also holds the methods' profiles, and the JIT compiles
# whatever was hot in training as the kernel starts, competing with the first cells for the two cores;
# after three rounds the median 1+1 over cells 7-46 was 31.8 ms against 28.1 ms after one (RSS 148 ->
# 140 MB, cold start and later cells the same; side by side, six starts each). Without profiles the
# kernel starts 0.13 s sooner but its early cells are slower (33 ms).
TRAINING_CELLS = [
    "1 + 1",
    "int x = 20;\nint twice(int v) { return 2 * v; }\ntwice(x) + 2",
    "record Point(int x, int y) {}\nnew Point(1, 2)",
    'String s = "concurrency";\ns.toUpperCase()',
    "var list = new ArrayList<Integer>();\nfor (int i = 0; i < 100; i++) list.add(i);\nlist.stream().mapToInt(Integer::intValue).sum()",
    'System.out.println("hello");',
    "undefinedName + 1",
    'Integer.parseInt("not a number")',
    "import concurrencylab.workload.*;\nimport concurrencylab.strategy.*;\nimport concurrencylab.measure.*;\nimport concurrencylab.chart.*;",
    "var work = Workloads.files(4, Duration.ofMillis(1));\nvar pool = Strategies.fixedPool(2);",
    "var results = Measurement.of(work).warmups(0).repeats(1).progress(p -> {}).run(Strategies.sequential(), pool, Strategies.virtualThreads());",
    "results.table()",
    "Charts.wallTimes(results)",
    "Charts.timeline(results.of(pool))",
    "try (var ex = Executors.newFixedThreadPool(2)) { ex.submit(() -> 1).get(); }",
    "work.close();",
]


def train(java, lib_dir, aot):
    """The kernel's AOT cache, from the kernel itself driven over the Jupyter protocol as a notebook
    drives it: the cache then holds the message path (ZeroMQ, JSON, signatures, the channels), not
    only the compiler's, which made the first cells' round trips 10-25 ms longer than their work."""
    import tempfile
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    if os.path.exists(aot):
        os.remove(aot)
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = os.path.join(tmp, "kernels", "training")
        os.makedirs(spec_dir)
        argv = java_command(java, lib_dir) + [f"-XX:AOTCacheOutput={aot}", "-Xlog:aot=warning", "-Dconcurrencylab.training=true",
                                              "concurrencylab.kernel.KernelMain", "{connection_file}"]
        with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
            json.dump({"argv": argv, "display_name": "training", "language": "java", "interrupt_mode": "message"}, f)
        log_path = os.path.join(tmp, "kernel.log")
        with open(log_path, "w") as log:
            km = KernelManager(kernel_name="training", kernel_spec_manager=KernelSpecManager(kernel_dirs=[os.path.join(tmp, "kernels")]))
            km.shutdown_wait_time = 300  # the JVM writes the cache as it exits
            km.start_kernel(stdout=log, stderr=log)
            kc = km.client()
            kc.start_channels()
            problem = ""
            try:
                kc.wait_for_ready(timeout=120)
                for cell in TRAINING_CELLS:
                    kc.execute_interactive(cell, timeout=120, output_hook=lambda m: None)
                kc.complete("Executors.newF", 14, reply=True, timeout=60)
                kc.inspect("Math.max", 8, reply=True, timeout=60)
                kc.is_complete("int x = ")
                kc.get_shell_msg(timeout=60)
                kc.kernel_info(reply=True, timeout=60)
            except Exception as e:  # a training that breaks off leaves no cache: reported below
                problem = f"{type(e).__name__}: {e}"
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=False)
        with open(log_path) as log:
            output = log.read()
    if not os.path.exists(aot):
        # The kernel works without the cache, only starts slower: say so, don't fail the build.
        print(f"kernelspec: no AOT cache (the kernel will start slower): {problem} {output.strip()[-500:]}", file=sys.stderr)
        return
    print(f"AOT cache {aot}: {os.path.getsize(aot) / 1e6:.0f} MB in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) >= 4 and args[0] == "install":
        aot = args[args.index("--aot") + 1] if "--aot" in args else None
        install(args[1], args[2], args[3], aot)
    elif len(args) == 4 and args[0] == "train":
        train(args[1], args[2], args[3])
        train_worker(args[1], args[2])
    else:
        sys.exit(__doc__.strip())
