"""The course in a real JupyterLab 4.5 (the build in jupyterlab-app/, on Debian's jupyter_server),
driven by headless Chromium, as a class uses it: every notebook cleared and run through the menus at
its defaults (each exercise's self-check saying "Not yet" on the starting answer, in one line, then
PASS once the solution is pasted in after it; its sliders shown, and notebook 01's workers and 07's
chunk size moved with the keyboard, the charts and table measured again), a parameter of notebook 01
edited and its chart re-plotted, and a runaway cell stopped from the toolbar. This is a notebook's second
run in the suite: tests/test_notebooks.py runs each first through nbclient with its small test parameters.
LAB_PARAMETERS=test runs the small parameters here too (while writing a lesson)."""
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import nbformat
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from notebooks_under_test import (AFTER_SOLUTION, NOTEBOOKS, ROOT, add_a_test_per_notebook, check_self_checks, kernelspec, read,
                                  tagged, with_small_parameters, with_solutions_checked)
from test_browser import free_port, headless_chromium, wait_until_serving

APP_DIR = os.path.join(ROOT, "build", "jupyterlab", "app")
RUNAWAY = "runaway.ipynb"


def int_parameter(nb, name):
    """The value of `int name = N;` in the notebook's parameters cell."""
    found = re.search(rf"\bint\s+{re.escape(name)}\s*=\s*(\d+)\s*;", tagged(nb, "parameters")[0].source)
    if not found:
        raise AssertionError(f"the parameters cell declares no int {name}")
    return int(found.group(1))


class JupyterLabTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(os.path.join(APP_DIR, ".key")):
            raise AssertionError(f"no JupyterLab build in {APP_DIR}: ./lab test builds it (npm ci + webpack)")
        cls.workdir = tempfile.mkdtemp(prefix="lab-jupyterlab-")
        cls.notebooks = os.path.join(cls.workdir, "notebooks")
        os.makedirs(cls.notebooks)
        small = os.environ.get("LAB_PARAMETERS", "defaults") == "test"
        for path in NOTEBOOKS:  # each solution checked after its self-check
            nb = with_solutions_checked(with_small_parameters(read(path)) if small else read(path))
            nbformat.write(nb, os.path.join(cls.notebooks, os.path.basename(path)))
        runaway = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("while (true) { }"),
                                                  nbformat.v4.new_code_cell("1 + 1")])
        runaway.metadata = read(NOTEBOOKS[0]).metadata
        nbformat.write(runaway, os.path.join(cls.notebooks, RUNAWAY))
        cls.port = free_port()
        cls.token = secrets.token_hex(16)
        env = kernelspec.use_built_kernel(dict(os.environ,
                                               JUPYTER_RUNTIME_DIR=os.path.join(cls.workdir, "runtime"),
                                               LAB_USER_SETTINGS_DIR=os.path.join(cls.workdir, "settings"),
                                               LAB_WORKSPACES_DIR=os.path.join(cls.workdir, "workspaces")))
        cmd = [sys.executable, os.path.join(ROOT, "jupyterlab-app", "main.py"), APP_DIR,
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={cls.port}", f"--ServerApp.token={cls.token}",
               f"--ServerApp.root_dir={cls.notebooks}", "--ServerApp.open_browser=False"]
        if os.geteuid() == 0:
            cmd.append("--ServerApp.allow_root=True")
        cls.log = open(os.path.join(cls.workdir, "server.log"), "w")
        cls.server = subprocess.Popen(cmd, env=env, stdout=cls.log, stderr=subprocess.STDOUT)
        cls.base = f"http://127.0.0.1:{cls.port}"
        wait_until_serving(cls.base, cls.token, cls.server, cls.log.name)
        cls.driver = headless_chromium(cls.workdir)
        cls.shots = os.path.join(ROOT, "build", "screenshots")
        os.makedirs(cls.shots, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        try:
            cls.server.wait(10)
        except subprocess.TimeoutExpired:
            cls.server.kill()
        cls.log.close()
        shutil.rmtree(cls.workdir, ignore_errors=True)

    # ------------------------------------------------------------------ helpers
    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait_for(self, what, predicate, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            time.sleep(0.5)
        self.fail(f"timed out after {timeout} s waiting for {what}")

    def sessions(self):
        with urllib.request.urlopen(f"{self.base}/api/sessions?token={self.token}", timeout=5) as r:
            return json.load(r)

    def kernel_idle(self, notebook):
        """The notebook's kernel exists and is idle, by the server and by the status bar."""
        ok = any(s["path"].endswith(notebook) and s["kernel"]["execution_state"] == "idle" for s in self.sessions())
        return ok and self.js("return Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))"
                              ".some(e => /\\|\\s*Idle/.test(e.textContent))")

    def open_notebook(self, notebook):
        """Opens the notebook as a student opens the next lesson: in the JupyterLab page already open, its
        earlier tabs closed (their kernels were shut down by the test before); the first time, in a fresh
        workspace, so that no tab of an earlier run is reopened."""
        if self.js("return window.concurrencyLabReady === true && !!window.jupyterapp") and not self.js(
                "return document.querySelector('.jp-Dialog') !== null"):
            self.js("const app = window.jupyterapp;"
                    "for (const w of Array.from(app.shell.widgets('main'))) {"
                    "  if (w.context && w.context.model) w.context.model.dirty = false;"  # its outputs need no saving
                    "  w.close();"
                    "}"
                    "app.commands.execute('docmanager:open', {path: arguments[0]});", notebook)
            self.wait_for(f"{notebook} to be the current tab", lambda: self.js(
                "const w = window.jupyterapp.shell.currentWidget;"
                "return !!(w && w.context && w.context.path === arguments[0] && w.content && w.content.model);", notebook), 30)
        else:
            workspace = "w" + secrets.token_hex(4)
            self.driver.get(f"{self.base}/lab/workspaces/{workspace}/tree/{notebook}?token={self.token}")
            self.wait_for("JupyterLab to start", lambda: self.js("return window.concurrencyLabReady === true"), 60)
        self.wait_for(f"the kernel of {notebook} to be idle", lambda: self.kernel_idle(notebook), 90)

    def menu(self, top, item):
        """Clicks a top menu, then one of its items, as a user does."""
        self.driver.find_element(By.XPATH, f"//li[contains(@class,'lm-MenuBar-item')][.//div[contains(@class,'lm-MenuBar-itemLabel')][normalize-space(.)='{top}']]").click()
        self.wait_for(f"the {top} menu", lambda: self.driver.find_elements(
            By.XPATH, f"//li[contains(@class,'lm-Menu-item')][.//div[contains(@class,'lm-Menu-itemLabel')][normalize-space(.)='{item}']]"), 10)
        self.driver.find_element(By.XPATH, f"//li[contains(@class,'lm-Menu-item')][.//div[contains(@class,'lm-Menu-itemLabel')][normalize-space(.)='{item}']]").click()

    def shut_down(self, notebook):
        for s in self.sessions():
            if s["path"].endswith(notebook):
                req = urllib.request.Request(f"{self.base}/api/sessions/{s['id']}?token={self.token}", method="DELETE")
                urllib.request.urlopen(req, timeout=10).close()

    def prompts(self):
        return self.js("return Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))"
                       ".map(e => e.textContent.trim())")

    def execution_counts(self):
        """The open notebook's code cells' execution counts, from JupyterLab's notebook model."""
        return self.js("const cells = Array.from(window.jupyterapp.shell.currentWidget.content.model.cells);"
                       "return cells.filter(c => c.type === 'code').map(c => c.executionCount);")

    def model_errors(self):
        return self.js("const cells = Array.from(window.jupyterapp.shell.currentWidget.content.model.cells);"
                       "return cells.filter(c => c.type === 'code').flatMap(c => c.outputs.toJSON())"
                       "  .filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue);")

    def run_all_and_wait(self, notebook, timeout=300):
        self.menu("Edit", "Clear Outputs of All Cells")
        self.wait_for("outputs and counts to clear", lambda: not self.driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")
                      and all(n is None for n in self.execution_counts()), 10)
        self.menu("Run", "Run All Cells")
        self.wait_for("every code cell to have run", lambda: (all(n is not None for n in self.execution_counts())
                      and self.kernel_idle(notebook)) or bool(self.model_errors()), timeout)

    def chart_images(self):
        return self.driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea .jp-RenderedImage img")

    def errors(self):
        return self.model_errors()

    def self_checks(self):
        """(tags, text printed) of each self-check cell of the open notebook, from JupyterLab's model."""
        return self.js("const cells = Array.from(window.jupyterapp.shell.currentWidget.content.model.cells);"
                       "return cells.filter(c => c.type === 'code').map(c => [c.getMetadata('tags') || [],"
                       "  c.outputs.toJSON().filter(o => o.output_type === 'stream').map(o => o.text).join('')])"
                       "  .filter(([tags]) => tags.includes('self-check') || tags.includes(arguments[0]));", AFTER_SOLUTION)

    def interact_of(self, slider):
        """The widget box of the interact with a slider named `slider`, in the open notebook."""
        boxes = self.driver.find_elements(By.XPATH, f"//div[contains(@class,'jp-OutputArea-output')]/*[contains(@class,'jupyter-widgets')]"
                                                    f"[.//div[contains(@class,'widget-slider')][label[normalize-space(.)='{slider}']]]")
        self.assertEqual(1, len(boxes), f"one interact with a slider named {slider}")
        return boxes[0]

    def drawn(self, box):
        """What the interact's output area shows: the images' sources and the text of its table."""
        # One script reads both: the interact redraws its output while the test polls it, and an element
        # found by one call may be gone at the next.
        images, tables = self.js("const out = arguments[0].querySelector('.widget-output');"
                                 "if (!out) return [[], ''];"
                                 "return [Array.from(out.querySelectorAll('img')).map(i => i.getAttribute('src')),"
                                 "        Array.from(out.querySelectorAll('table')).map(t => t.innerText).join(' ')];", box)
        return images, tables

    def move_slider_with_the_keyboard(self, slider, now, shows):
        """Clicks the handle of the interact's slider named `slider` (at `now`), presses the right arrow
        key, and waits until the interact has measured again: new images, a table holding `shows`."""
        box = self.interact_of(slider)
        self.js("arguments[0].scrollIntoView({block: 'center'})", box)
        images, table = self.drawn(box)
        self.assertTrue(images and table, "the interact shows its chart and table before any move")
        self.assertNotIn(shows, table)
        xpath = f".//div[contains(@class,'widget-slider')][label[normalize-space(.)='{slider}']]"
        control = box.find_element(By.XPATH, xpath)
        self.assertEqual(str(now), control.find_element(By.CSS_SELECTOR, ".widget-readout").text.strip())
        handle = control.find_element(By.CSS_SELECTOR, ".noUi-handle")
        ActionChains(self.driver).move_to_element(handle).click().perform()
        self.wait_for("the slider's handle to have the focus", lambda: self.js("return document.activeElement === arguments[0]", handle), 5)
        ActionChains(self.driver).send_keys(Keys.ARROW_RIGHT).perform()
        self.wait_for("the readout to move", lambda: control.find_element(By.CSS_SELECTOR, ".widget-readout").text.strip() == str(now + 1), 10)
        self.wait_for(f"the table to show {shows}", lambda: shows in self.drawn(box)[1], 120)
        after_images, _ = self.drawn(box)
        self.assertEqual(len(images), len(after_images))
        self.assertNotEqual(images, after_images, "the charts were drawn again from the new measurement")
        self.wait_for("the status line to say the run ended", lambda: "ran in" in box.text, 30)
        self.assertEqual([], self.errors())
        time.sleep(0.3)
        return box

    # -------------------------------------------------------------------- tests
    def check_runs_through_the_menus(self, path):
        """Clears the notebook, runs it from the Run menu, and checks what a student would see."""
        notebook = os.path.basename(path)
        self.open_notebook(notebook)
        self.addCleanup(self.shut_down, notebook)  # its worker JVMs too, before the next notebook
        self.run_all_and_wait(notebook)
        served = read(os.path.join(self.notebooks, notebook))
        code_cells = len([c for c in served.cells if c.cell_type == "code"])
        self.assertEqual([], self.errors())
        counts = self.execution_counts()
        self.assertEqual(code_cells, len(counts))
        self.assertEqual(list(range(1, code_cells + 1)), sorted(counts), "each code cell ran once, in a fresh kernel")
        images = self.chart_images()
        self.assertGreaterEqual(len(images), len(tagged(served, "chart")), "every chart cell shows an image")
        for img in images:
            self.assertGreater(img.get_property("naturalWidth"), 300, "the chart decoded in the browser")
        checks = self.self_checks()
        self.assertEqual(2 * len(tagged(served, "self-check")), len(checks), "every self-check ran, before and after")
        check_self_checks(self, checks)
        self.js("arguments[0].scrollIntoView({block: 'center'})", images[0])
        time.sleep(0.3)
        self.driver.save_screenshot(os.path.join(self.shots, "jupyterlab-" + notebook.replace(".ipynb", ".png")))
        sliders = self.driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea .widget-slider")
        self.assertGreaterEqual(len(sliders), 2 * len(tagged(served, "interactive")), "each interactive cell shows its sliders")
        self.assertNotIn("Error displaying widget", self.driver.find_element(By.CSS_SELECTOR, ".jp-Notebook").text)
        # Two lessons' sliders are moved with the keyboard, as a teacher does in class.
        if notebook == "01-io-bound-loops.ipynb":
            workers = int_parameter(served, "workers")
            self.move_slider_with_the_keyboard("workers", workers, f"fixed pool of {workers + 1}")
            self.driver.save_screenshot(os.path.join(self.shots, "jupyterlab-slider-" + notebook.replace(".ipynb", ".png")))
            self.edit_a_parameter_and_replot(notebook)
        elif notebook == "07-pools-and-map.ipynb":
            self.move_slider_with_the_keyboard("chunk size", 2, "chunks of 3")

    def edit_a_parameter_and_replot(self, notebook):
        """As in class after a run: the teacher types a new value into the parameters cell and runs
        it and every cell below; the chart is redrawn from the new measurement."""
        before = [img.get_attribute("src") for img in self.chart_images()]
        self.assertTrue(before)
        # Type the new value into the parameters cell's editor, then run it and every cell below.
        cells = self.driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")
        parameters = next(c for c in cells if "int files =" in c.text)
        line = parameters.find_element(By.XPATH, ".//div[contains(@class,'cm-line')][contains(., 'int files =')]")
        line.click()  # puts the cursor on that line, in edit mode
        self.wait_for("the editor to have the focus", lambda: self.js(
            "return document.activeElement && document.activeElement.classList.contains('cm-content')"), 10)
        focused = self.driver.switch_to.active_element
        focused.send_keys(Keys.END)
        focused.send_keys(Keys.SHIFT + Keys.HOME)
        focused.send_keys("int files = 7;")
        self.wait_for("the edit to show", lambda: "int files = 7;" in parameters.text, 10)
        self.driver.save_screenshot(os.path.join(self.shots, "jupyterlab-edit.png"))
        self.menu("Run", "Run Selected Cell and All Below")
        first_run = max(n or 0 for n in self.execution_counts())
        self.wait_for("the cells below to run again", lambda: self.kernel_idle(notebook)
                      and max(n or 0 for n in self.execution_counts()) > first_run
                      and (self.execution_counts()[-1] or 0) > first_run, 300)  # None while queued
        self.assertEqual([], self.errors())
        after = [img.get_attribute("src") for img in self.chart_images()]
        self.assertEqual(len(before), len(after))
        self.assertNotEqual(before[0], after[0], "the wall-time chart was redrawn from the new measurement")
        self.assertTrue(any("7 files" in t.text for t in self.driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")),
                        "the new parameter reached the measurement")
        self.js("arguments[0].scrollIntoView({block: 'center'})", self.chart_images()[0])
        time.sleep(0.3)
        self.driver.save_screenshot(os.path.join(self.shots, "jupyterlab-replot.png"))

    def test_the_toolbar_stop_button_interrupts_a_runaway_cell(self):
        self.open_notebook(RUNAWAY)
        self.menu("Run", "Run All Cells")
        self.wait_for("the loop to start", lambda: self.prompts() and self.prompts()[0] == "[*]:", 60)
        time.sleep(1)
        t0 = time.time()
        self.driver.find_element(By.CSS_SELECTOR, ".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']").click()
        self.wait_for("the interrupted cell to end", lambda: re.fullmatch(r"\[\d+\]:", self.prompts()[0]), 10)
        took = time.time() - t0
        self.assertTrue(any("nterrupt" in e for e in self.errors()), self.errors())
        self.assertLess(took, 5, "the stop button stopped the loop")
        # The next cell runs normally.
        cells = self.driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")
        cells[1].find_element(By.CSS_SELECTOR, ".jp-InputPrompt").click()
        self.menu("Run", "Run Selected Cell")
        self.wait_for("the next cell's result", lambda: "2" in cells[1].find_element(
            By.CSS_SELECTOR, ".jp-Cell-outputWrapper").text, 30)
        self.menu("Kernel", "Shut Down Kernel")



add_a_test_per_notebook(JupyterLabTest, "test_runs_through_the_menus_", JupyterLabTest.check_runs_through_the_menus)


if __name__ == "__main__":
    unittest.main()