"""The fallback frontend: the classic Notebook server on loopback (what ./lab opens where neither
JupyterLab nor npm is available). Headless Chromium opens notebooks 00 and 01, runs all cells through
the UI's menu, and checks that the charts appear and no error is shown. Every notebook runs in
JupyterLab in test_jupyterlab."""
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

import nbformat

from notebooks_under_test import NOTEBOOKS, ROOT, kernelspec, read, tagged, with_small_parameters

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(base, token, server, log_path, seconds=60):
    """Waits for a Jupyter server's /api/status; fails with the end of its log if it never answers."""
    deadline = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            return
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                raise AssertionError("the server did not start:\n" + open(log_path).read()[-2000:])
            time.sleep(0.3)


def headless_chromium(workdir):
    """Debian's Chromium, headless, with a profile in workdir (see the developers' guide for the flags)."""
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(tool):
            raise AssertionError(f"{tool} is missing: install Debian's chromium and chromium-driver (.ci/run does)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", f"--user-data-dir={os.path.join(workdir, 'chrome')}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


class BrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A copy of the notebooks: the UI saves (autosave) into the directory it serves.
        cls.workdir = tempfile.mkdtemp(prefix="lab-browser-")
        # With the small test parameters, as the headless run uses; ./lab book runs the defaults.
        for path in NOTEBOOKS[:2]:
            nbformat.write(with_small_parameters(read(path)), os.path.join(cls.workdir, os.path.basename(path)))
        cls.port = free_port()
        cls.token = secrets.token_hex(16)
        env = kernelspec.use_built_kernel(dict(os.environ, JUPYTER_RUNTIME_DIR=os.path.join(cls.workdir, ".runtime")))
        cmd = [sys.executable, "-m", "jupyter", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={cls.port}",
               f"--NotebookApp.token={cls.token}", f"--NotebookApp.notebook_dir={cls.workdir}"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        cls.log = open(os.path.join(cls.workdir, "server.log"), "w")
        cls.server = subprocess.Popen(cmd, env=env, stdout=cls.log, stderr=subprocess.STDOUT)
        cls.base = f"http://127.0.0.1:{cls.port}"
        wait_until_serving(cls.base, cls.token, cls.server, cls.log.name)
        cls.driver = headless_chromium(cls.workdir)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
        finally:
            cls.server.terminate()
            try:
                cls.server.wait(20)
            except subprocess.TimeoutExpired:
                cls.server.kill()
            cls.log.close()
            shutil.rmtree(cls.workdir, ignore_errors=True)

    def js(self, script):
        return self.driver.execute_script(script)

    def wait_for(self, what, predicate, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.5)
        self.fail(f"timed out after {timeout} s waiting for {what}")

    def test_the_first_notebooks_run_to_the_end_in_the_classic_ui(self):
        for path in NOTEBOOKS[:2]:
            with self.subTest(notebook=os.path.basename(path)):
                self.run_in_browser(os.path.basename(path))

    def run_in_browser(self, notebook):
        d = self.driver
        d.get(f"{self.base}/notebooks/{notebook}?token={self.token}")
        # Run All is dropped if clicked before the kernel is up: wait for an idle kernel first.
        self.wait_for("the kernel to be idle", lambda: self.js(
            "return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && "
            "Jupyter.notebook.kernel.is_connected() && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null"), 90)
        d.find_element(By.ID, "celllink").click()            # the "Cell" menu
        d.find_element(By.ID, "run_all_cells").click()       # "Run All"
        saved = read(os.path.join(ROOT, "notebooks", notebook))
        code_cells = len([c for c in saved.cells if c.cell_type == "code"])
        self.wait_for("every code cell to have run", lambda: self.js(
            "return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')"
            "  .every(c => Number.isInteger(c.input_prompt_number)) && "
            "  document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null"), 300)
        counts = self.js("return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => c.input_prompt_number)")
        self.assertEqual(code_cells, len(counts))
        self.assertEqual(list(range(1, code_cells + 1)), sorted(counts), "each code cell ran once, in a fresh kernel")
        errors = d.find_elements(By.CSS_SELECTOR, ".output_error")
        self.assertEqual([], [e.text[:300] for e in errors])
        images = d.find_elements(By.CSS_SELECTOR, ".output_png img")
        self.assertGreaterEqual(len(images), len(tagged(saved, "chart")))
        for img in images:
            self.assertGreater(img.get_property("naturalWidth"), 300, "the chart image decoded in the browser")
        # The classic Notebook has no ipywidgets 8: an interactive cell shows its result and one line.
        shown = self.js("return Array.from(document.querySelectorAll('.output_html'))"
                        ".filter(e => e.textContent.includes('The controls need JupyterLab')).map(e => e.querySelectorAll('img').length)")
        self.assertEqual(len(tagged(saved, "interactive")), len(shown), "each interactive cell's result, as an ordinary output")
        self.assertTrue(all(n >= 1 for n in shown), "with its chart")
        shots = os.path.join(ROOT, "build", "screenshots")
        os.makedirs(shots, exist_ok=True)
        d.execute_script("arguments[0].scrollIntoView()", images[-1])
        d.save_screenshot(os.path.join(shots, "classic-" + notebook.replace(".ipynb", ".png")))
        # end this notebook's kernel (and any worker JVMs it started) before the next notebook
        self.js("Jupyter.notebook.session.delete();")
        time.sleep(1)


if __name__ == "__main__":
    unittest.main()
