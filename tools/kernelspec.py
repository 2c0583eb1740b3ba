"""Writes the Concurrency Lab kernelspec (kernel.json + logo) into a Jupyter data directory.

Usage: kernelspec.py JAVA_BIN KERNEL_LIB_DIR DEST_KERNELS_DIR
"""
import json
import os
import sys

NAME = "concurrency-lab"


def main(java, lib_dir, kernels_dir):
    spec_dir = os.path.join(kernels_dir, NAME)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {
        "argv": [
            java,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=4",
            "-Djava.awt.headless=true",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-cp", os.path.join(lib_dir, "*"),
            "concurrencylab.kernel.KernelMain",
            "{connection_file}",
        ],
        "display_name": "Java 25 (Concurrency Lab)",
        "language": "java",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=2)
    print(spec_dir)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip())
    main(*sys.argv[1:])
