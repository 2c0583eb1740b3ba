"""Retakes the README's pictures from a clean workspace: the course's notebooks run with their defaults
in JupyterLab 4.5, in headless Chromium, as a student sees them.

Usage: screenshots.py [--out DIR]     (DIR defaults to docs/images)

Writes, into DIR:
  jupyterlab-11.png    the JupyterLab window at notebook 11's wall-time chart, the file browser beside it
  jupyterlab-slider.png  notebook 01's "now move the sliders" cell after its workers slider was moved
                       from 4 to 8 with the keyboard and the pool measured again
  01-wall-times.png    notebook 01's wall-time chart, the PNG the kernel sent
  01-timeline.png      notebook 01's timeline of the pool of 4

The notebooks are copied, unchanged, into an empty temporary folder that the server serves, so the
file browser lists the course and nothing else (no test notebooks), and settings and workspaces are
fresh. Needs ./lab build (the kernel) and the JupyterLab bundle in build/jupyterlab/app (./lab test, or
./lab on a machine without JupyterLab, builds it), Debian's chromium and chromium-driver, and selenium.
"""
import argparse
import base64
import glob
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from test_browser import free_port, headless_chromium, wait_until_serving  # noqa: E402  (one set of Chromium flags)

APP_DIR = os.path.join(ROOT, "build", "jupyterlab", "app")
RUN_TIMEOUT = 600  # seconds for one notebook with its defaults on a busy 2-core machine


class Lab:
    """A JupyterLab server on a copy of the course, and a headless Chromium on it."""

    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix="lab-screenshots-")
        self.notebooks = os.path.join(self.workdir, "notebooks")
        os.makedirs(self.notebooks)
        for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb"))):
            shutil.copy(path, self.notebooks)
        self.port, self.token = free_port(), secrets.token_hex(16)
        env = dict(os.environ, JUPYTER_PATH=os.path.join(ROOT, "build", "jupyter"),
                   JUPYTER_RUNTIME_DIR=os.path.join(self.workdir, "runtime"),
                   LAB_USER_SETTINGS_DIR=os.path.join(self.workdir, "settings"),
                   LAB_WORKSPACES_DIR=os.path.join(self.workdir, "workspaces"))
        cmd = [sys.executable, os.path.join(ROOT, "jupyterlab-app", "main.py"), APP_DIR,
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", f"--ServerApp.token={self.token}",
               f"--ServerApp.root_dir={self.notebooks}", "--ServerApp.open_browser=False"]
        if os.geteuid() == 0:
            cmd.append("--ServerApp.allow_root=True")
        self.log = open(os.path.join(self.workdir, "server.log"), "w")
        self.server = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        self.driver = None
        wait_until_serving(self.base, self.token, self.server, self.log.name)
        self.driver = headless_chromium(self.workdir)

    def close(self):
        if self.driver:
            self.driver.quit()
        for session in self.api("sessions"):  # their kernels, and the worker JVMs those started
            self.api(f"sessions/{session['id']}", method="DELETE")
        self.server.terminate()
        try:
            self.server.wait(10)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def api(self, path, method="GET"):
        req = urllib.request.Request(f"{self.base}/api/{path}?token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait_for(self, what, predicate, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            time.sleep(0.5)
        raise SystemExit(f"screenshots: timed out after {timeout} s waiting for {what}")

    def run(self, notebook):
        """Opens the notebook in a fresh workspace and runs every cell, as Run All does."""
        self.driver.get(f"{self.base}/lab/workspaces/w{secrets.token_hex(4)}/tree/{notebook}?token={self.token}")
        self.wait_for("JupyterLab to start", lambda: self.js("return window.concurrencyLabReady === true"), 60)
        self.wait_for(f"the kernel of {notebook}", lambda: any(
            s["path"].endswith(notebook) and s["kernel"]["execution_state"] == "idle" for s in self.api("sessions")), 120)
        self.js("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.wait_for(f"{notebook} to run with its defaults", lambda: self.finished(notebook), RUN_TIMEOUT)
        errors = self.js("return Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)"
                         ".filter(c => c.type === 'code').flatMap(c => c.outputs.toJSON())"
                         ".filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)")
        if errors:
            raise SystemExit(f"screenshots: {notebook} failed: {errors[0]}")

    def finished(self, notebook):
        counts = self.js("return Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)"
                         ".filter(c => c.type === 'code').map(c => c.executionCount)")
        return all(n is not None for n in counts) and any(
            s["path"].endswith(notebook) and s["kernel"]["execution_state"] == "idle" for s in self.api("sessions"))

    def chart(self, call):
        """The index among the notebook's cells of the first code cell whose source holds `call`, and its PNG."""
        found = self.js("const cells = Array.from(window.jupyterapp.shell.currentWidget.content.model.cells);"
                        "const i = cells.findIndex(c => c.type === 'code' && c.sharedModel.getSource().includes(arguments[0]));"
                        "if (i < 0) return null;"
                        "const png = cells[i].outputs.toJSON().map(o => (o.data || {})['image/png']).find(p => p);"
                        "return [i, png || null];", call)
        if not found or not found[1]:
            raise SystemExit(f"screenshots: no chart from a cell calling {call}")
        return found[0], base64.b64decode(found[1])

    def shoot_cell_image(self, index, path):
        """Scrolls the image of cell `index` to the middle of the window, then saves the window."""
        self.js("const cell = window.jupyterapp.shell.currentWidget.content.widgets[arguments[0]];"
                "cell.node.querySelector('.jp-OutputArea .jp-RenderedImage img').scrollIntoView({block: 'center'});", index)
        time.sleep(1)  # the scroll settles, the image paints
        self.driver.save_screenshot(path)

    def move_slider(self, slider, presses, shows, status):
        """Moves the interact's slider named `slider` with the right arrow key, `presses` times, as a
        teacher does in class; returns the interact's box once its table shows `shows` and its status
        line says the run at `status` ended."""
        box = self.driver.find_element(By.XPATH, "//div[contains(@class,'jp-OutputArea-output')]/*[contains(@class,'jupyter-widgets')]"
                                                 f"[.//div[contains(@class,'widget-slider')][label[normalize-space(.)='{slider}']]]")
        self.js("arguments[0].scrollIntoView({block: 'start'})", box)
        handle = box.find_element(By.XPATH, f".//div[contains(@class,'widget-slider')][label[normalize-space(.)='{slider}']]"
                                            "//div[contains(@class,'noUi-handle')]")
        ActionChains(self.driver).move_to_element(handle).click().perform()
        for _ in range(presses):
            ActionChains(self.driver).send_keys(Keys.ARROW_RIGHT).perform()
            time.sleep(0.3)
        self.wait_for(f"the interact to show {shows}", lambda: shows in box.find_element(By.CSS_SELECTOR, ".widget-output").text
                      and any(line.startswith("ran in") and status in line for line in box.text.splitlines()), RUN_TIMEOUT)
        self.js("document.activeElement.blur(); arguments[0].scrollIntoView({block: 'start'});", box)
        time.sleep(1)  # the images paint
        return box

    def shut_down(self, notebook):
        for session in self.api("sessions"):
            if session["path"].endswith(notebook):
                self.api(f"sessions/{session['id']}", method="DELETE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "images"), help="where the pictures go")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(APP_DIR, ".key")):
        raise SystemExit(f"screenshots: no JupyterLab bundle in {APP_DIR}: ./lab test builds it")
    if not os.path.exists(os.path.join(ROOT, "build", "jupyter", "kernels", "concurrency-lab", "kernel.json")):
        raise SystemExit("screenshots: the kernel is not installed in build/jupyter: run ./lab build")
    os.makedirs(args.out, exist_ok=True)
    lab = Lab()
    try:
        notebook = "01-io-bound-loops.ipynb"
        lab.run(notebook)
        for call, name in (("Charts.wallTimes(", "01-wall-times.png"), ("Charts.timeline(", "01-timeline.png")):
            with open(os.path.join(args.out, name), "wb") as f:
                f.write(lab.chart(call)[1])
            print(f"screenshots: {os.path.join(args.out, name)}")
        lab.move_slider("workers", 4, "fixed pool of 8", "workers = 8")
        path = os.path.join(args.out, "jupyterlab-slider.png")
        lab.driver.save_screenshot(path)
        print(f"screenshots: {path}")
        lab.shut_down(notebook)

        notebook = "11-async-and-futures.ipynb"
        lab.run(notebook)
        index, _ = lab.chart("Charts.wallTimes(")
        path = os.path.join(args.out, "jupyterlab-11.png")
        lab.shoot_cell_image(index, path)
        print(f"screenshots: {path}")
        lab.shut_down(notebook)
    finally:
        lab.close()


if __name__ == "__main__":
    main()
