"""tools/kernelspec.py: the compile class path it unpacks for javac in JShell."""
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


if __name__ == "__main__":
    unittest.main()
