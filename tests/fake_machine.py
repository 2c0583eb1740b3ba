"""A machine as ./lab sees it, made of stubs in a temporary directory, for testing what the launcher
decides on a fresh machine without changing this one.

Its PATH holds only the basic tools the launcher runs (bash, sed, grep...) and the commands of the
Debian packages "installed" so far; apt-get and dpkg-query record what they are asked and "install" a
package by adding it to a list; python3 is this machine's Python, but finds only the modules of the
packages on that list; id -u answers root or not. ./lab runs unchanged against it.
"""
import os
import shutil
import sys
import tempfile

from notebooks_under_test import ROOT

LAB = os.path.join(ROOT, "lab")

# The tools the launcher may run besides the stubs: a fake machine's PATH has these and what is installed.
BASIC_TOOLS = ["bash", "sh", "env", "cat", "cut", "dirname", "basename", "grep", "sed", "awk", "head", "tail",
               "tr", "sort", "ls", "mkdir", "rm", "cp", "mv", "readlink", "uname", "sha256sum", "xargs", "find",
               "stat", "date", "sleep", "touch", "chmod", "ln", "wc", "seq"]

# What each Debian package the launcher may install brings: commands on the PATH, Python modules.
PROVIDES = {
    "jupyter-notebook": (["jupyter", "jupyter-notebook"],
                         ["notebook", "jupyter_client", "jupyter_core", "nbformat", "nbconvert", "zmq"]),
    "python3-nbclient": ([], ["nbclient"]),
    "python3-nbconvert": ([], ["nbconvert"]),
    "python3-jupyterlab-server": ([], ["jupyterlab_server", "jupyter_server"]),
    "python3-jupyter-kernel-test": ([], ["jupyter_kernel_test"]),
    "python3-selenium": ([], ["selenium"]),
    "npm": (["npm", "node"], []),
    "fontconfig": (["fc-list"], []),
    "fonts-dejavu-core": ([], []),
    "chromium": (["chromium"], []),
    "chromium-driver": (["chromedriver"], []),
}
# Never importable on the fake machine (no Debian package has it), so the real one here is hidden too.
ABSENT_MODULES = ["jupyterlab"]

SITECUSTOMIZE = '''\
import os, sys
_PROVIDES = {provides!r}
_STATE = {state!r}
try:
    with open(os.path.join(_STATE, "installed")) as f:
        _installed = set(f.read().split())
except FileNotFoundError:
    _installed = set()
_hidden = set({absent!r}) | {{m for _, mods in _PROVIDES.values() for m in mods}}
_hidden -= {{m for p in _installed for m in _PROVIDES.get(p, ((), ()))[1]}}


class _NotInstalled:
    """Hides the modules of the packages this fake machine has not installed."""
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] in _hidden:
            raise ModuleNotFoundError(f"No module named {{name!r}} on this fake machine", name=name)
        return None


sys.meta_path.insert(0, _NotInstalled)
'''

APT_GET = '''\
#!{python}
"""apt-get on a fake machine: records its arguments; install adds packages and their commands."""
import os, sys
STATE, BIN, PROVIDES = {state!r}, {bin!r}, {provides!r}
with open(os.path.join(STATE, "apt-get.log"), "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
if len(sys.argv) > 1 and sys.argv[1] == "install":
    for package in [a for a in sys.argv[2:] if not a.startswith("-")]:
        if package not in PROVIDES:
            sys.exit(f"E: Unable to locate package {{package}}")
        with open(os.path.join(STATE, "installed"), "a") as f:
            f.write(package + "\\n")
        for command in PROVIDES[package][0]:
            path = os.path.join(BIN, command)
            if command == "fc-list":  # lists a font once one is installed
                body = "grep -qx fonts-dejavu-core {state}/installed && echo 'DejaVu Sans'\\n"
            else:
                body = "exit 0\\n"
            with open(path, "w") as f:
                f.write("#!/bin/sh\\n" + body)
            os.chmod(path, 0o755)
'''

DPKG_QUERY = '''\
#!{python}
"""dpkg-query -W -f='${{Status}}' PACKAGE on a fake machine."""
import os, sys
try:
    with open(os.path.join({state!r}, "installed")) as f:
        installed = set(f.read().split())
except FileNotFoundError:
    installed = set()
package = sys.argv[-1]
if package not in installed:
    sys.exit(f"dpkg-query: no packages found matching {{package}}")
print("install ok installed", end="")
'''


class FakeMachine:
    """debian: apt-get and dpkg-query exist; root: id -u says 0; installed: Debian packages already there;
    commands: other commands already on the PATH (npm from Node.js's own packages, say)."""

    def __init__(self, debian=True, root=True, installed=(), commands=()):
        self.dir = tempfile.mkdtemp(prefix="lab-fake-machine-")
        self.bin = os.path.join(self.dir, "bin")
        self.state = os.path.join(self.dir, "state")
        site = os.path.join(self.dir, "site")
        for d in (self.bin, self.state, site):
            os.makedirs(d)
        for tool in BASIC_TOOLS:
            real = shutil.which(tool, path="/usr/bin:/bin")
            if real:
                os.symlink(real, os.path.join(self.bin, tool))
        self.write(os.path.join(self.bin, "id"), f"#!/bin/sh\n[ \"$1\" = -u ] && echo {0 if root else 1000} || echo 'uid={0 if root else 1000}'\n")
        self.python = os.path.join(self.bin, "python3")
        self.write(self.python, f"#!/bin/sh\nPYTHONPATH={site} exec {sys.executable} \"$@\"\n")
        with open(os.path.join(site, "sitecustomize.py"), "w") as f:
            f.write(SITECUSTOMIZE.format(provides=PROVIDES, state=self.state, absent=ABSENT_MODULES))
        if debian:
            fmt = dict(python=sys.executable, state=self.state, bin=self.bin, provides=PROVIDES)
            self.write(os.path.join(self.bin, "apt-get"), APT_GET.format(**fmt))
            self.write(os.path.join(self.bin, "dpkg-query"), DPKG_QUERY.format(**fmt))
            if installed:
                self.run_apt(["install", *installed])
                os.remove(os.path.join(self.state, "apt-get.log"))
        elif installed:
            raise ValueError("packages are installed on Debian only")
        for command in commands:
            self.write(os.path.join(self.bin, command), "#!/bin/sh\nexit 0\n")

    @staticmethod
    def write(path, text):
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)

    def run_apt(self, args):
        import subprocess
        subprocess.run([os.path.join(self.bin, "apt-get"), *args], check=True)

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LAB_", "CONDA", "JUPYTER"))}
        env.update(PATH=self.bin, LAB_SYSTEM_PYTHON=self.python, HOME=self.dir, **extra)
        return env

    def apt_calls(self):
        """The apt-get command lines run so far, as lists of arguments."""
        try:
            with open(os.path.join(self.state, "apt-get.log")) as f:
                return [line.split() for line in f]
        except FileNotFoundError:
            return []

    def installs(self):
        """The packages of each apt-get install run so far."""
        return [sorted(a for a in call[1:] if not a.startswith("-")) for call in self.apt_calls() if call[0] == "install"]

    def installed(self):
        try:
            with open(os.path.join(self.state, "installed")) as f:
                return sorted(set(f.read().split()))
        except FileNotFoundError:
            return []

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)
