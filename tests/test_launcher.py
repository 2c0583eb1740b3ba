"""The lab launcher's own behaviour: finding a JDK, and installing the kernel for the user."""
import json
import os
import subprocess
import tempfile
import unittest

from notebooks_under_test import ROOT

LAB = os.path.join(ROOT, "lab")


class LauncherTest(unittest.TestCase):
    def test_without_jdk_25_it_stops_with_one_line_saying_what_to_install(self):
        with tempfile.TemporaryDirectory() as empty:
            fake_java_home = os.path.join(empty, "jdk17")
            env = dict(os.environ, JAVA_HOME=fake_java_home, LAB_JVM_DIRS=empty, PATH="/usr/bin:/bin")
            proc = subprocess.run([LAB, "build"], env=env, capture_output=True, text=True, timeout=120)
        self.assertNotEqual(0, proc.returncode)
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), proc.stderr)
        self.assertIn("needs a JDK 25 or newer", lines[0])
        self.assertIn("openjdk=25", lines[0])
        self.assertIn("Temurin", lines[0])

    def test_the_build_trained_the_kernels_and_the_workers_aot_caches(self):
        # Trained by driving the kernel over the protocol (tools/kernelspec.py); without them it only starts slower,
        # so only a test notices when training breaks.
        build = os.path.join(ROOT, "build")
        kernel_aot = os.path.join(build, "kernel", "kernel.aot")
        for cache in (kernel_aot, os.path.join(build, "kernel", "worker.aot")):
            self.assertTrue(os.path.isfile(cache) and os.path.getsize(cache) > 5_000_000, cache)
        with open(os.path.join(build, "jupyter", "kernels", "concurrency-lab", "kernel.json")) as f:
            argv = json.load(f)["argv"]
        self.assertIn(f"-XX:AOTCache={kernel_aot}", argv)
        # The kernel's JVM takes its classes from the cache (a stale one, after a jar changed, would be skipped).
        probe = [a for a in argv[:-1] if not a.startswith("-Xlog:")]  # no connection file: it prints its usage
        probe.insert(probe.index("-cp"), "-Xlog:class+load=info")
        proc = subprocess.run(probe, capture_output=True, text=True, timeout=60)
        self.assertIn("concurrencylab.kernel.KernelMain source: shared objects file", proc.stdout, proc.stdout[-2000:])

    def test_the_kernelspec_gives_javac_the_notebook_classes_unpacked(self):
        with open(os.path.join(ROOT, "build", "jupyter", "kernels", "concurrency-lab", "kernel.json")) as f:
            argv = json.load(f)["argv"]
        compile_path = [a.split("=", 1)[1] for a in argv if a.startswith("-Dconcurrencylab.compile.classpath=")]
        self.assertEqual(1, len(compile_path), argv)
        for cls in ("concurrencylab/kernel/Notebook.class", "concurrencylab/chart/Charts.class",
                    "org/knowm/xchart/XYChart.class", "tech/tablesaw/api/Table.class"):
            self.assertTrue(os.path.isfile(os.path.join(compile_path[0], cls)), cls)
        self.assertFalse(os.path.exists(os.path.join(compile_path[0], "org", "zeromq")))  # the kernel's own jars stay out

    def test_unknown_command_is_one_line(self):
        proc = subprocess.run([LAB, "lanuch"], capture_output=True, text=True, timeout=30)
        self.assertNotEqual(0, proc.returncode)
        self.assertEqual("lab: unknown command 'lanuch'; try ./lab help", proc.stderr.strip())

    def test_install_kernel_puts_the_kernelspec_in_the_users_jupyter(self):
        with tempfile.TemporaryDirectory() as data_dir:
            env = dict(os.environ, JUPYTER_DATA_DIR=data_dir)
            proc = subprocess.run([LAB, "install-kernel"], env=env, capture_output=True, text=True, timeout=600)
            self.assertEqual(0, proc.returncode, proc.stderr[-2000:])
            with open(os.path.join(data_dir, "kernels", "concurrency-lab", "kernel.json")) as f:
                spec = json.load(f)
        self.assertEqual("message", spec["interrupt_mode"])
        self.assertEqual("java", spec["language"])
        java = spec["argv"][0]
        self.assertTrue(os.access(java, os.X_OK), java)
        version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
        self.assertRegex(version, r'version "(2[5-9]|[3-9]\d)')
        self.assertIn("{connection_file}", spec["argv"])


if __name__ == "__main__":
    unittest.main()
