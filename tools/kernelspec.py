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

NAME = "concurrency-lab"
JVM_FLAGS = [
    "-XX:+UseSerialGC",              # one GC thread, the smallest footprint
    "-Xms32m",                       # start small: the default initial heap is 1/64 of RAM (384 MB here)
    "-XX:MinHeapFreeRatio=10",
    "-XX:MaxHeapFreeRatio=20",       # give memory back after javac's bursts of garbage
    "-Djava.awt.headless=true",      # charts render without a display
    "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow",
    "--enable-preview",              # StructuredTaskScope (preview in 25) in cells and in the library
]


def class_path(lib_dir):
    # An explicit, sorted list: a wildcard's expansion order is not fixed, and the AOT cache checks it.
    jars = sorted(glob.glob(os.path.join(lib_dir, "*.jar")))
    if not jars:
        sys.exit(f"kernelspec: no jars in {lib_dir}; run ./lab build")
    return os.pathsep.join(jars)


def notebook_class_path(lib_dir):
    """The jars cell code compiles against (listed by ./lab build); fewer jars make javac's first compile faster."""
    listing = os.path.join(os.path.dirname(lib_dir), "notebook.classpath")
    if not os.path.exists(listing):
        return None
    with open(listing) as f:
        names = [line.strip() for line in f if line.strip().endswith(".jar")]
    return os.pathsep.join(os.path.join(lib_dir, n) for n in names if os.path.exists(os.path.join(lib_dir, n)))


def java_command(java, lib_dir, aot=None):
    cmd = [java] + JVM_FLAGS
    notebook = notebook_class_path(lib_dir)
    if notebook:
        cmd.append(f"-Dconcurrencylab.notebook.classpath={notebook}")
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


def train(java, lib_dir, aot):
    if os.path.exists(aot):
        os.remove(aot)
    t0 = time.time()
    cmd = java_command(java, lib_dir) + [f"-XX:AOTCacheOutput={aot}", "-Xlog:aot=warning", "concurrencylab.kernel.Training"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(aot):
        # The kernel works without the cache, only starts slower: say so, don't fail the build.
        print(f"kernelspec: no AOT cache (the kernel will start slower): {proc.stderr.strip()[-500:]}", file=sys.stderr)
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
