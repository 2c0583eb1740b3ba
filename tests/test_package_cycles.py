"""The kernel's and the library's packages depend on each other without a cycle (tools/package_cycles.py: jdeps on the built classes)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

from notebooks_under_test import ROOT, kernelspec

TOOL = os.path.join(ROOT, "tools", "package_cycles.py")


def jdk():
    """The JDK the kernelspec runs (./lab found it): its jdeps reads the classes."""
    with open(os.path.join(kernelspec.BUILD_JUPYTER, "kernels", kernelspec.NAME, "kernel.json")) as f:
        return os.path.dirname(os.path.dirname(json.load(f)["argv"][0]))


def package_cycles(*class_dirs):
    return subprocess.run([sys.executable, TOOL, "--jdk", jdk(), *class_dirs], capture_output=True, text=True)


class PackageCyclesTest(unittest.TestCase):
    def test_the_kernels_packages_have_no_cycle(self):
        r = package_cycles(os.path.join(ROOT, "kernel", "target", "classes"))
        self.assertEqual(0, r.returncode, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"no package cycle among \d+ packages")

    def test_the_librarys_packages_have_no_cycle(self):
        r = package_cycles(os.path.join(ROOT, "lib", "target", "classes"))
        self.assertEqual(0, r.returncode, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"no package cycle among \d+ packages")

    def test_a_cycle_through_a_third_package_is_found(self):
        sources = {"a/A.java": "package a; public class A { b.B next; }",
                   "b/B.java": "package b; public class B { c.C next; }",
                   "c/C.java": "package c; public class C { a.A next; }",
                   "d/D.java": "package d; public class D { a.A uses; }"}
        with tempfile.TemporaryDirectory() as d:
            for name, text in sources.items():
                os.makedirs(os.path.join(d, "src", os.path.dirname(name)), exist_ok=True)
                with open(os.path.join(d, "src", name), "w") as f:
                    f.write(text)
            subprocess.run([os.path.join(jdk(), "bin", "javac"), "-d", os.path.join(d, "classes"),
                            *[os.path.join(d, "src", n) for n in sources]], check=True)
            r = package_cycles(os.path.join(d, "classes"))
        self.assertEqual(1, r.returncode, r.stdout + r.stderr)
        self.assertEqual("cycle: a <-> b <-> c", r.stdout.splitlines()[0])
        self.assertIn("  a -> b: a.A -> b.B", r.stdout)


if __name__ == "__main__":
    unittest.main()
