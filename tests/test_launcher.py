"""The lab launcher's own behaviour: what it installs on a fresh machine and which frontend it opens,
finding a JDK, building only what changed, opening the course, and installing the kernel for the user."""
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from fake_machine import FakeMachine
from notebooks_under_test import ROOT

LAB = os.path.join(ROOT, "lab")
BUILD = os.path.join(ROOT, "build")

# What ./lab installs on a fresh Debian machine for JupyterLab, and what ./lab test adds.
FOR_JUPYTERLAB = ["fontconfig", "fonts-dejavu-core", "jupyter-notebook", "npm", "python3-jupyterlab-server",
                  "python3-nbclient", "python3-nbconvert"]
FOR_TESTS = ["chromium", "chromium-driver", "python3-jupyter-kernel-test", "python3-selenium"]
BUNDLED_LAB = "opens the course in JupyterLab 4.5 (bundled from npm"
CLASSIC = "opens the course in the classic Notebook"


def lab(args, env=None, timeout=120):
    return subprocess.run([LAB, *args], env=env, capture_output=True, text=True, timeout=timeout)


class FreshMachineTest(unittest.TestCase):
    """./lab's decisions on a machine made of stubs (fake_machine.py): what it installs, which frontend."""

    def machine(self, **kwargs):
        m = FakeMachine(**kwargs)
        self.addCleanup(m.close)
        return m

    def test_as_root_on_debian_it_installs_jupyterlab_then_what_the_tests_need(self):
        m = self.machine()
        proc = lab(["setup"], m.env())
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertEqual([["update", "-q"], ["install", "-y", "-q", "--no-install-recommends", *FOR_JUPYTERLAB]],
                         [c[:4] + sorted(c[4:]) if c[0] == "install" else c for c in m.apt_calls()])
        self.assertIn(BUNDLED_LAB, proc.stderr.splitlines()[-1])
        proc = lab(["setup", "test"], m.env())
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertEqual([FOR_JUPYTERLAB, FOR_TESTS], m.installs())
        self.assertIn("./lab test finds all it needs", proc.stderr)
        self.assertIn(BUNDLED_LAB, proc.stderr.splitlines()[-1])
        calls = m.apt_calls()
        proc = lab(["setup", "test"], m.env())  # nothing left to install: apt is not run again
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertEqual(calls, m.apt_calls())

    def test_the_tests_needs_are_installed_in_one_go_on_a_fresh_machine(self):
        m = self.machine()
        proc = lab(["setup", "test"], m.env())
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertEqual([sorted(FOR_JUPYTERLAB + FOR_TESTS)], m.installs())

    def test_npm_already_on_the_path_is_not_installed_again(self):
        m = self.machine(commands=["npm", "node"])  # Node.js from NodeSource: npm without Debian's npm package
        proc = lab(["setup"], m.env())
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertEqual([[p for p in FOR_JUPYTERLAB if p != "npm"]], m.installs())
        self.assertIn(BUNDLED_LAB, proc.stderr.splitlines()[-1])

    def test_the_classic_notebook_only_when_asked(self):
        for how in (["setup", "--classic"], ["setup"]):
            with self.subTest(how=how):
                m = self.machine()
                extra = {"LAB_FRONTEND": "classic"} if how == ["setup"] else {}
                proc = lab(how, m.env(**extra))
                self.assertEqual(0, proc.returncode, proc.stderr)
                self.assertEqual([["fontconfig", "fonts-dejavu-core", "jupyter-notebook", "python3-nbclient",
                                   "python3-nbconvert"]], m.installs())  # nothing for JupyterLab
                self.assertIn(CLASSIC, proc.stderr.splitlines()[-1])

    def test_a_frontend_that_is_not_one_is_a_one_line_error(self):
        m = self.machine()
        proc = lab(["setup"], m.env(LAB_FRONTEND="jupyter"))
        self.assertNotEqual(0, proc.returncode)
        self.assertEqual("lab: LAB_FRONTEND='jupyter' is not a frontend: use lab or classic", proc.stderr.strip())
        self.assertEqual([], m.apt_calls())

    def test_not_root_it_names_the_packages_in_one_line_and_installs_nothing(self):
        m = self.machine(root=False)
        proc = lab(["setup"], m.env())
        self.assertNotEqual(0, proc.returncode)
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), proc.stderr)
        named = re.search(r"sudo apt-get install ([^,]+), or run it as root and it installs them$", lines[0])
        self.assertIsNotNone(named, lines[0])
        self.assertEqual(FOR_JUPYTERLAB, sorted(named.group(1).split()))
        self.assertEqual([], m.apt_calls())

    def test_not_root_with_jupyter_but_no_jupyterlab_it_says_why_and_opens_the_classic_notebook(self):
        m = self.machine(root=False, installed=["jupyter-notebook", "python3-nbclient", "python3-nbconvert",
                                                "fontconfig", "fonts-dejavu-core"])
        proc = lab(["setup"], m.env())
        self.assertEqual(0, proc.returncode, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(2, len(lines), proc.stderr)
        self.assertRegex(lines[0], r"^lab: no JupyterLab here \(.*sudo apt-get install python3-jupyterlab-server npm.*\): "
                                   r"the course opens in the classic Notebook$")
        self.assertIn(CLASSIC, lines[1])
        self.assertEqual([], m.apt_calls())
        proc = lab(["setup"], m.env(LAB_FRONTEND="lab"))  # JupyterLab asked for: no fallback
        self.assertNotEqual(0, proc.returncode)
        self.assertEqual(1, len(proc.stderr.strip().splitlines()), proc.stderr)
        self.assertIn("sudo apt-get install python3-jupyterlab-server npm", proc.stderr)

    def test_lab_test_without_the_tests_packages_stops_before_running_anything(self):
        m = self.machine(root=False, installed=FOR_JUPYTERLAB)
        started = time.monotonic()
        proc = lab(["test"], m.env())
        self.assertNotEqual(0, proc.returncode)
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), proc.stderr)  # no Maven, no test: one line naming what to install
        self.assertRegex(lines[0], r"^lab: \./lab test needs Debian packages this machine lacks: sudo apt-get install "
                                   r"python3-jupyter-kernel-test python3-selenium chromium chromium-driver, or run it as root and it installs them$")
        self.assertEqual("", proc.stdout)
        self.assertLess(time.monotonic() - started, 30)

    def test_off_debian_it_names_what_to_install_in_one_line(self):
        m = self.machine(debian=False)
        proc = lab(["setup"], m.env())
        self.assertNotEqual(0, proc.returncode)
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), proc.stderr)
        self.assertIn("pip install jupyter_client nbformat nbclient nbconvert jupyterlab", lines[0])
        self.assertIn("conda env create -f environment.yml", lines[0])
        self.assertIn("fontconfig and a font", lines[0])
        proc = lab(["setup", "test"], m.env())
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), proc.stderr)
        for name in ("selenium", "jupyter_kernel_test", "'notebook<7'", "Chromium", "chromedriver", "npm (Node.js)"):
            self.assertIn(name, lines[0])


class IncrementalBuildTest(unittest.TestCase):
    def test_a_second_build_with_nothing_changed_runs_neither_maven_nor_the_training(self):
        first = lab(["build"], timeout=1200)  # up to date afterwards, whatever it was before
        self.assertEqual(0, first.returncode, first.stderr[-2000:])
        kept = [os.path.join(BUILD, "kernel", "kernel.aot"), os.path.join(BUILD, "kernel", "worker.aot"),
                *glob.glob(os.path.join(BUILD, "kernel", "lib", "*.jar"))]

        def identity():  # the training deletes and rewrites the caches; a build copies the jars again
            return {p: (os.stat(p).st_ino, os.stat(p).st_mtime_ns) for p in kept}

        before = identity()
        with tempfile.TemporaryDirectory() as logs:
            # Every JVM started logs the classes it loads: Maven's launcher, or our kernel's and workers' classes.
            env = dict(os.environ, JAVA_TOOL_OPTIONS=f"-Xlog:class+load=info:file={logs}/jvm-%p.log")
            second = lab(["build"], env, timeout=1200)
            self.assertEqual(0, second.returncode, second.stderr[-2000:])
            loaded = self.classes_loaded(logs)
            self.assertFalse(any("org.codehaus.plexus.classworlds" in c for c in loaded), "Maven ran")
            self.assertFalse(any("concurrencylab." in c for c in loaded), "a kernel or a worker JVM ran (the training)")
            # The probe sees Maven when it runs: ./mvnw -v starts the same launcher.
            control = subprocess.run([os.path.join(ROOT, "mvnw"), "-v"], cwd=ROOT, env=env, capture_output=True, timeout=300)
            self.assertEqual(0, control.returncode, control.stderr[-2000:])
            self.assertTrue(any("org.codehaus.plexus.classworlds" in c for c in self.classes_loaded(logs)))
        self.assertEqual(before, identity())
        self.assertIn("no Maven build, no training", second.stderr)

    @staticmethod
    def classes_loaded(logs):
        text = []
        for path in glob.glob(os.path.join(logs, "jvm-*.log")):
            with open(path, errors="replace") as f:
                text.append(f.read())
        return text

    def test_the_build_key_follows_what_the_kernel_is_made_of_and_nothing_else(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "lab-copy")
            skip = shutil.ignore_patterns("target", "build", "node_modules", ".git")
            shutil.copytree(ROOT, copy, ignore=skip, symlinks=True)
            launcher = os.path.join(copy, "lab")

            def key(**env):
                proc = subprocess.run([launcher, "build-key"], env=dict(os.environ, **env), capture_output=True, text=True, timeout=60)
                self.assertEqual(0, proc.returncode, proc.stderr)
                self.assertRegex(proc.stdout.strip(), r"^[0-9a-f]{16}$")
                return proc.stdout.strip()

            def edited(path, change):
                """The key with the file changed, after checking the key is back once it is restored."""
                path = os.path.join(copy, path)
                with open(path) as f:
                    saved = f.read()
                with open(path, "w") as f:
                    f.write(change(saved))
                try:
                    return key()
                finally:
                    with open(path, "w") as f:
                        f.write(saved)
                    self.assertEqual(k0, key())

            k0 = key()
            self.assertEqual(k0, key())
            source = glob.glob(os.path.join(copy, "lib", "src", "main", "java", "**", "*.java"), recursive=True)[0]
            os.utime(source, (0, 0))  # a file touched, not changed
            self.assertEqual(k0, key())
            for unrelated in ("notebooks/00-start-here.ipynb", "README.md", "tests/test_launcher.py"):
                self.assertEqual(k0, edited(unrelated, lambda s: s + "\n"), unrelated)
            os.makedirs(os.path.join(copy, "lib", "target"), exist_ok=True)
            with open(os.path.join(copy, "lib", "target", "stale.jar"), "w") as f:
                f.write("build output")
            self.assertEqual(k0, key())
            comments = {".java": "// changed", ".xml": "<!-- changed -->", ".py": "# changed", "": "# changed"}
            for made_of in (os.path.relpath(source, copy), "pom.xml", "kernel/pom.xml", "tools/kernelspec.py", "lab"):
                comment = comments[os.path.splitext(made_of)[1]]
                self.assertNotEqual(k0, edited(made_of, lambda s: s + "\n" + comment + "\n"), made_of)
            # The same JDK by another path is the same; another JDK, or the same one updated in place, is not.
            jdk = os.path.realpath(os.environ.get("JAVA_HOME") or "/usr/lib/jvm/temurin-25-jdk-amd64")
            os.symlink(jdk, os.path.join(tmp, "jdk-link"))
            self.assertEqual(key(JAVA_HOME=jdk), key(JAVA_HOME=os.path.join(tmp, "jdk-link")))
            fake = os.path.join(tmp, "jdk")
            os.makedirs(fake)
            for entry in os.listdir(jdk):
                if entry not in ("release", "bin"):
                    os.symlink(os.path.join(jdk, entry), os.path.join(fake, entry))
            os.makedirs(os.path.join(fake, "bin"))
            for tool in ("java", "javac"):  # copies: a link would lead the key back to the real JDK
                shutil.copy2(os.path.join(jdk, "bin", tool), os.path.join(fake, "bin", tool))
            with open(os.path.join(jdk, "release")) as f:
                release = f.read()
            with open(os.path.join(fake, "release"), "w") as f:
                f.write(release)
            k_fake = key(JAVA_HOME=fake)
            self.assertNotEqual(k0, k_fake)
            with open(os.path.join(fake, "release"), "w") as f:
                f.write(re.sub(r'JAVA_RUNTIME_VERSION="[^"]*"', 'JAVA_RUNTIME_VERSION="25.0.99+1"', release))
            self.assertNotEqual(k_fake, key(JAVA_HOME=fake))


class OpenTest(unittest.TestCase):
    """./lab as a teacher runs it: the course opens at the printed URL; stopping it leaves nothing."""

    def open_course(self, args=(), **env):
        """Starts ./lab in a session of its own; returns (process, url, stderr lines) once the URL is printed."""
        self.out = tempfile.NamedTemporaryFile("w+", prefix="lab-open-", suffix=".log")
        self.addCleanup(self.out.close)
        proc = subprocess.Popen([LAB, *args], env=dict(os.environ, **env), stdout=self.out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self.addCleanup(self.stop, proc)
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            self.out.seek(0)
            text = self.out.read()
            found = re.search(r"^Open the course: (\S+)$", text, re.M)
            if found:
                return proc, found.group(1), [l for l in text.splitlines() if l.startswith("lab:")]
            if proc.poll() is not None:
                self.fail("./lab ended without printing the URL:\n" + text[-3000:])
            time.sleep(0.1)
        self.fail("./lab printed no URL in 15 minutes")

    def page(self, url, seconds=60):
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    return r.status, r.read().decode("utf-8", "replace")
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    @staticmethod
    def session(sid):
        members = []
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                with open(stat) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid:
                members.append(int(stat.split("/")[2]))
        return members

    def stop(self, proc):
        """SIGTERM to ./lab's process group, as a terminal's Ctrl+C reaches it, then nothing may be left."""
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)
        deadline = time.monotonic() + 20
        while self.session(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = self.session(proc.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        self.assertEqual([], left, "processes of ./lab left after it was stopped")

    def test_lab_opens_the_course_in_jupyterlab(self):
        proc, url, said = self.open_course()
        self.assertRegex(url, r"^http://127\.0\.0\.1:\d+/lab/tree/00-start-here\.ipynb\?token=[0-9a-f]{48}$")
        self.assertTrue(any("starting JupyterLab 4.5" in l or "starting your JupyterLab" in l for l in said), said)
        status, html = self.page(url)
        self.assertEqual(200, status)
        self.assertIn("<title>JupyterLab</title>", html)
        bundle = re.search(r'<script src="([^"]+/bundle\.js)"', html)
        self.assertIsNotNone(bundle, html[:2000])
        status, _ = self.page(url.split("/lab/")[0] + bundle.group(1))
        self.assertEqual(200, status)  # the app itself is served
        self.stop(proc)

    def test_lab_classic_opens_the_classic_notebook(self):
        for args, env in ((["--classic"], {}), ([], {"LAB_FRONTEND": "classic"})):
            with self.subTest(args=args, env=env):
                proc, url, said = self.open_course(args, **env)
                self.assertRegex(url, r"^http://127\.0\.0\.1:\d+/notebooks/00-start-here\.ipynb\?token=[0-9a-f]{48}$")
                self.assertIn("lab: starting the classic Notebook", " ".join(said))
                status, html = self.page(url)
                self.assertEqual(200, status)
                self.assertIn("<title>Jupyter Notebook</title>", html)
                self.assertIn('data-notebook-name="00-start-here.ipynb"', html)
                self.stop(proc)

    def test_a_port_in_use_is_a_one_line_error_before_any_build(self):
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            port = busy.getsockname()[1]
            proc = lab([], dict(os.environ, LAB_PORT=str(port)), timeout=120)
        self.assertNotEqual(0, proc.returncode)
        self.assertEqual(f"lab: port {port} on 127.0.0.1 is in use (another Jupyter?): stop that server, choose another "
                         "LAB_PORT, or unset it for a free one", proc.stderr.strip())


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
