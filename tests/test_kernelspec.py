"""tools/kernelspec.py: the compile class path it unpacks for javac in JShell; the kernel's heap cap."""
import os
import sys
import tempfile
import unittest
import zipfile

from notebooks_under_test import ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import kernelspec  # noqa: E402


class CompileClassesTest(unittest.TestCase):
    def jar(self, lib, name, entries):
        path = os.path.join(lib, name)
        with zipfile.ZipFile(path, "w") as z:
            for entry, data in entries.items():
                z.writestr(entry, data)
        return path

    def test_unpacks_classes_first_jar_wins_and_multi_release_up_to_the_jdk(self):
        with tempfile.TemporaryDirectory() as d:
            lib = os.path.join(d, "lib")
            os.makedirs(lib)
            java = os.path.join(d, "jdk", "bin", "java")
            os.makedirs(os.path.dirname(java))
            with open(os.path.join(d, "jdk", "release"), "w") as f:
                f.write('JAVA_VERSION="25.0.3"\n')
            first = self.jar(lib, "a.jar", {
                "p/A.class": b"base", "META-INF/versions/11/p/A.class": b"v11",
                "META-INF/versions/26/p/A.class": b"v26", "p/Shared.class": b"from a",
                "module-info.class": b"mod", "p/A.java": b"source", "META-INF/MANIFEST.MF": b"m"})
            second = self.jar(lib, "b.jar", {"p/Shared.class": b"from b", "q/B.class": b"b"})
            out = kernelspec.compile_classes(java, lib, [first, second])

            def read(rel):
                with open(os.path.join(out, rel), "rb") as f:
                    return f.read()
            self.assertEqual(b"v11", read("p/A.class"))  # 26 is newer than the JDK: not taken
            self.assertEqual(b"from a", read("p/Shared.class"))
            self.assertEqual(b"b", read("q/B.class"))
            files = sorted(os.path.relpath(os.path.join(r, n), out) for r, _, ns in os.walk(out) for n in ns if n != ".jars")
            self.assertEqual(["p/A.class", "p/Shared.class", "q/B.class"], files)

            # Unchanged jars: kept as is; a changed jar: unpacked again.
            self.assertEqual(out, kernelspec.compile_classes(java, lib, [first, second]))
            os.remove(os.path.join(out, "q", "B.class"))
            self.assertFalse(os.path.exists(os.path.join(out, "q", "B.class")))
            self.jar(lib, "b.jar", {"q/B.class": b"b2", "q/C.class": b"c"})
            kernelspec.compile_classes(java, lib, [first, second])
            self.assertEqual(b"b2", read("q/B.class"))


class HeapCapTest(unittest.TestCase):
    def test_the_cap_is_the_default_or_lab_kernel_heap(self):
        self.assertEqual(kernelspec.HEAP_DEFAULT, kernelspec.heap_cap({}))
        self.assertEqual(kernelspec.HEAP_DEFAULT, kernelspec.heap_cap({"LAB_KERNEL_HEAP": " "}))
        self.assertEqual("2g", kernelspec.heap_cap({"LAB_KERNEL_HEAP": "2G"}))
        self.assertEqual("1536m", kernelspec.heap_cap({"LAB_KERNEL_HEAP": "1536m"}))
        with tempfile.TemporaryDirectory() as lib:
            zipfile.ZipFile(os.path.join(lib, "kernel.jar"), "w").close()
            self.assertIn("-Xmx3g", kernelspec.java_command("java", lib, heap="3g"))
            self.assertIn(f"-Xmx{kernelspec.HEAP_DEFAULT}", kernelspec.java_command("java", lib))

    def test_a_bad_cap_stops_with_one_line_naming_it(self):
        for bad in ("2", "2gb", "lots", "0g", "100m", "64g", "-1g"):
            with self.assertRaises(SystemExit) as stop:
                kernelspec.heap_cap({"LAB_KERNEL_HEAP": bad})
            message = str(stop.exception.code)
            self.assertIn(f"LAB_KERNEL_HEAP='{bad}'", message)
            self.assertEqual(1, len(message.splitlines()), message)


if __name__ == "__main__":
    unittest.main()
