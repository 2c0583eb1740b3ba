"""Jupyter widgets over the kernel's comms, driven through jupyter_client as JupyterLab's widget
manager drives them: comm_info, comm_open state checked against @jupyter-widgets/schema (the npm
package that ./lab test installs in jupyterlab-app), update/echo_update, request_state, the control
target, callbacks run as cells run (output area, interrupt, %cell_timeout, Stop button, newest value
only, their threads and worker JVMs stopped), bad values refused in one line, comm_close."""
import json
import os
import queue
import re
import time
import unittest

import jsonschema

from kernel_session import ROOT, KernelTestCase
from test_kernel_lifecycle import alive, wait_gone

SCHEMA_DIR = os.path.join(ROOT, "jupyterlab-app", "node_modules", "@jupyter-widgets", "schema")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IMPORTS = "import concurrencylab.widget.*;\nimport java.util.concurrent.atomic.*;\n"


def load_schema():
    models = os.path.join(SCHEMA_DIR, "jupyterwidgetmodels.latest.json")
    if not os.path.exists(models):
        raise AssertionError(f"no {models}: ./lab test installs jupyterlab-app's npm packages (npm ci), which pin @jupyter-widgets/schema")
    with open(models) as f:
        spec = {(m["model"]["module"], m["model"]["name"], m["model"]["version"]): m for m in json.load(f)}
    with open(os.path.join(SCHEMA_DIR, "v2", "state.schema.json")) as f:
        return spec, json.load(f)


def type_errors(attribute, value, known_ids):
    """What is wrong with `value` for one attribute of the models spec, or None."""
    if value is None:
        return None if attribute.get("allow_none") else f"{attribute['name']} is null"
    t = attribute["type"]
    ok = {"string": lambda v: isinstance(v, str),
          "bool": lambda v: isinstance(v, bool),
          "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
          "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
          "array": lambda v: isinstance(v, list),
          "object": lambda v: isinstance(v, dict),
          "reference": lambda v: isinstance(v, str) and v.startswith("IPY_MODEL_") and v[10:] in known_ids,
          }.get(t)
    if ok is None:
        return None  # types the course's widgets do not use (Datetime, bytes, ...)
    if not ok(value):
        return f"{attribute['name']} = {value!r} is not a {t}"
    if "enum" in attribute and value not in attribute["enum"]:
        return f"{attribute['name']} = {value!r} is not one of {attribute['enum']}"
    if t == "array" and attribute.get("items", {}).get("type") == "reference":
        bad = [v for v in value if not (isinstance(v, str) and v.startswith("IPY_MODEL_") and v[10:] in known_ids)]
        if bad:
            return f"{attribute['name']} refers to unknown models {bad}"
    return None


class Frontend:
    """A widget manager's side of the comms, on the test's kernel client."""

    def __init__(self, k):
        self.k = k
        self.seen = []  # every IOPub message read so far, in order
        self.mark = 0   # where the messages after the last one sent start in `seen`

    def send(self, msg_type, content):
        msg = self.k.kc.session.msg(msg_type, content)
        self.mark = len(self.seen)
        self.k.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def update(self, comm_id, **state):
        return self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}})

    def read_until(self, predicate, timeout=30):
        """The first IOPub message since the last one sent that satisfies `predicate` (those already read
        first: messages of a callback and of the shell interleave); AssertionError on timeout."""
        for m in self.seen[self.mark:]:
            if predicate(m):
                return m
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                m = self.k.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            m["received"] = time.monotonic()
            self.seen.append(m)
            if predicate(m):
                return m
        raise AssertionError(f"timed out after {timeout} s; last messages: {[short(m) for m in self.seen[-5:]]}")

    def drain(self, quiet=0.5):
        while True:
            try:
                m = self.k.kc.get_iopub_msg(timeout=quiet)
            except queue.Empty:
                return
            self.seen.append(m)

    def shell_reply(self, msg_id, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = self.k.kc.get_shell_msg(timeout=timeout)
            if m["parent_header"].get("msg_id") == msg_id:
                return m
        raise AssertionError("no shell reply")


def short(m):
    return m["msg_type"] + " " + json.dumps(m["content"])[:160]


def is_update(m, comm_id, key=None):
    return (m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id
            and m["content"]["data"].get("method") == "update" and (key is None or key in m["content"]["data"]["state"]))


def outputs_text(outputs):
    text = []
    for o in outputs:
        if o["output_type"] == "stream":
            text.append(o["text"])
        elif o["output_type"] in ("display_data", "execute_result"):
            text.append(o["data"].get("text/plain", ""))
        elif o["output_type"] == "error":
            text.append(o["ename"] + ": " + o["evalue"])
    return "\n".join(text)


class Shown:
    """An interact (or widget) shown by a cell: its comms by model name and its display."""

    def __init__(self, reply):
        self.reply = reply
        self.opens = [m for m in reply.outputs if m["msg_type"] == "comm_open"]
        self.states = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in self.opens}
        self.display = next((m for m in reply.outputs if m["msg_type"] == "display_data"
                             and WIDGET_VIEW in m["content"]["data"]), None)

    def ids(self, model):
        return [i for i, s in self.states.items() if s["_model_name"] == model]

    def id(self, model, description=None):
        found = [i for i in self.ids(model) if description is None or self.states[i].get("description") == description]
        assert len(found) == 1, f"{len(found)} {model} named {description}"
        return found[0]

    def final_display(self):
        """The cell's widget display as the cell left it (its update_display_data, if any)."""
        updates = [m for m in self.reply.outputs if m["msg_type"] == "update_display_data"]
        return (updates[-1] if updates else self.display)["content"]["data"]


class KernelWidgetsTest(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.k.run(IMPORTS + "int dummy = 0;")
        assert r.status == "ok", r.error()
        cls.fe = Frontend(cls.k)

    def setUp(self):
        self.fe.drain(0.2)
        self.fe.seen.clear()
        self.fe.mark = 0

    def show(self, code):
        r = self.k.run(code)
        self.assertEqual("ok", r.status, r.error())
        return Shown(r)

    def output_update(self, shown, containing, timeout=30):
        """The next update of the interact's output area whose text holds `containing`."""
        out = shown.id("OutputModel")
        m = self.fe.read_until(lambda m: is_update(m, out, "outputs")
                               and containing in outputs_text(m["content"]["data"]["state"]["outputs"]), timeout)
        return m["content"]["data"]["state"]["outputs"]

    def status(self, shown, containing, timeout=30):
        label = shown.id("LabelModel")
        return self.fe.read_until(lambda m: is_update(m, label, "value")
                                  and containing in m["content"]["data"]["state"]["value"], timeout)

    # ------------------------------------------------------------------ comms and state

    def test_comm_info_lists_live_widgets_by_target(self):
        shown = self.show('var infoSlider = Widgets.intSlider("n", 3, 1, 10);\ndisplay(infoSlider);')
        slider = shown.id("IntSliderModel")
        comms = self.k.kc.comm_info(target_name="jupyter.widget", reply=True, timeout=10)["content"]
        self.assertEqual("ok", comms["status"])
        self.assertEqual("jupyter.widget", comms["comms"][slider]["target_name"])
        self.assertIn(slider, self.k.kc.comm_info(reply=True, timeout=10)["content"]["comms"])
        other = self.k.kc.comm_info(target_name="jupyter.other", reply=True, timeout=10)["content"]["comms"]
        self.assertNotIn(slider, other)

    def test_comm_open_carries_complete_state_that_the_schema_accepts(self):
        spec, state_schema = load_schema()
        shown = self.show(
            'var all = Widgets.interact(v -> v.toString(),\n'
            '    Widgets.intSlider("int", 4, 1, 16), Widgets.floatSlider("float", 0.5, 0, 1),\n'
            '    Widgets.intLogSlider("int log", 100, 10, 10_000), Widgets.floatLogSlider("float log", 20, 1, 1000),\n'
            '    Widgets.dropdown("choice", "b", "a", "b", "c"), Widgets.checkbox("tick", true), Widgets.toggle("toggle", false));\n'
            'display(Widgets.hbox(Widgets.button("go"), Widgets.label("text")));')
        self.assertGreaterEqual(len(shown.opens), 20)
        ids = set(shown.states)
        models = set()
        for m in shown.opens:
            c = m["content"]
            self.assertEqual("jupyter.widget", c["target_name"])
            self.assertEqual({"version": "2.1.0"}, m["metadata"])
            self.assertEqual([], c["data"]["buffer_paths"])
            state = c["data"]["state"]
            key = (state["_model_module"], state["_model_name"], state["_model_module_version"])
            self.assertIn(key, spec, f"a model the schema does not know: {key}")
            models.add(state["_model_name"])
            attributes = spec[key]["attributes"]
            names = {a["name"] for a in attributes}
            self.assertEqual(sorted(names), sorted(state), f"{key[1]}: every attribute of the schema, and no other")
            for a in attributes:
                self.assertIsNone(type_errors(a, state[a["name"]], ids), key[1])
            v = spec[key]["view"]
            self.assertEqual((v["module"], v["name"], v["version"]),
                             (state["_view_module"], state["_view_name"], state["_view_module_version"]))
        self.assertLessEqual({"IntSliderModel", "FloatSliderModel", "SelectionSliderModel", "FloatLogSliderModel",
                              "DropdownModel", "CheckboxModel", "ToggleButtonModel", "ButtonModel", "LabelModel",
                              "OutputModel", "HBoxModel", "VBoxModel", "LayoutModel", "SliderStyleModel"}, models)
        # The whole set as a notebook's widget state (what nbclient saves), against the state schema.
        document = {"version_major": 2, "version_minor": 0, "state": {
            i: {"model_name": s["_model_name"], "model_module": s["_model_module"],
                "model_module_version": s["_model_module_version"], "state": s} for i, s in shown.states.items()}}
        jsonschema.validate(document, state_schema)
        view = shown.display["content"]["data"][WIDGET_VIEW]
        output = "IPY_MODEL_" + shown.id("OutputModel")
        root = next(i for i in shown.ids("VBoxModel") if output in shown.states[i]["children"])
        self.assertEqual({"model_id": root, "version_major": 2, "version_minor": 0}, view, "the interact shows as its box")

    def test_request_state_and_the_control_comm_answer_with_full_state(self):
        shown = self.show('var rs = Widgets.intSlider("rs", 5, 0, 9);\ndisplay(rs);')
        slider = shown.id("IntSliderModel")
        ask = self.fe.send("comm_msg", {"comm_id": slider, "data": {"method": "request_state"}})
        m = self.fe.read_until(lambda m: is_update(m, slider) and m["parent_header"].get("msg_id") == ask)
        self.assertEqual(shown.states[slider], m["content"]["data"]["state"])
        control = "control-" + str(time.time())
        self.fe.send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}})
        self.fe.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        m = self.fe.read_until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == control)
        data = m["content"]["data"]
        self.assertEqual("update_states", data["method"])
        self.assertEqual(shown.states[slider], data["states"][slider]["state"])
        self.assertEqual("IntSliderModel", data["states"][slider]["model_name"])

    def test_a_comm_open_for_an_unknown_target_is_closed(self):
        self.fe.send("comm_open", {"comm_id": "nobody-123", "target_name": "no.such.target", "data": {}})
        m = self.fe.read_until(lambda m: m["msg_type"] == "comm_close")
        self.assertEqual("nobody-123", m["content"]["comm_id"])

    # ------------------------------------------------------------------ updates and callbacks

    def test_an_update_runs_the_callback_once_echoes_and_redraws(self):
        shown = self.show('AtomicInteger calls = new AtomicInteger();\n'
                          'var twice = Widgets.interact(v -> { calls.incrementAndGet(); System.out.println("n is " + v.getInt("n")); '
                          'return "twice: " + 2 * v.getInt("n"); }, Widgets.intSlider("n", 3, 1, 10));')
        final = shown.final_display()
        self.assertIn("twice: 6", final["text/plain"])
        self.assertIn("controls need JupyterLab", final["text/plain"].splitlines()[0])
        self.assertIn("twice: 6", final["text/html"])
        slider = shown.id("IntSliderModel")
        sent = self.fe.update(slider, value=7)
        busy = self.fe.read_until(lambda m: m["msg_type"] == "status" and m["parent_header"].get("msg_id") == sent)
        self.assertEqual("busy", busy["content"]["execution_state"])
        echo = self.fe.read_until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == slider)
        self.assertEqual({"method": "echo_update", "state": {"value": 7}, "buffer_paths": []}, echo["content"]["data"])
        self.assertEqual(sent, echo["parent_header"]["msg_id"])
        self.fe.read_until(lambda m: m["msg_type"] == "status" and m["parent_header"].get("msg_id") == sent
                           and m["content"]["execution_state"] == "idle")
        outputs = self.output_update(shown, "twice: 14")
        self.assertEqual("n is 7\n", outputs[0]["text"], "what the callback printed, in its output area")
        self.status(shown, "ran in")
        self.fe.drain(0.5)
        self.assertEqual("2", self.k.run("calls.get()").result()["text/plain"], "one run for the cell, one for the change")
        self.assertFalse([m for m in self.fe.seen if m["msg_type"] in ("error", "execute_result")])

    def test_a_moved_slider_during_a_run_queues_only_the_newest_value(self):
        shown = self.show('List<Integer> ran = new CopyOnWriteArrayList<>();\n'
                          'var slow = Widgets.interact(v -> { ran.add(v.getInt("n")); Thread.sleep(800); return "n=" + v.getInt("n"); },'
                          ' Widgets.intSlider("n", 1, 1, 10));')
        slider = shown.id("IntSliderModel")
        self.fe.update(slider, value=2)
        self.status(shown, "running n = 2")
        for n in (3, 4, 5):
            self.fe.update(slider, value=n)
        self.status(shown, "next: n = 5")
        self.output_update(shown, "n=5", timeout=20)
        self.status(shown, "ran in")
        self.fe.drain(1.0)
        self.assertEqual("[1, 2, 5]", self.k.run("ran").result()["text/plain"], "nothing stale ran")

    def test_the_stop_button_ends_a_run_and_the_newest_value_runs_at_once(self):
        shown = self.show('var stoppable = Widgets.interact(v -> { if (v.getInt("n") == 2) Thread.sleep(60_000); return "n=" + v.getInt("n"); },'
                          ' Widgets.intSlider("n", 1, 1, 10));')
        slider, stop = shown.id("IntSliderModel"), shown.id("ButtonModel")
        self.assertTrue(shown.states[stop]["disabled"], "the Stop button is grey while nothing runs")
        self.fe.update(slider, value=2)
        self.fe.read_until(lambda m: is_update(m, stop, "disabled") and m["content"]["data"]["state"]["disabled"] is False)
        self.fe.update(slider, value=3)
        t0 = time.monotonic()
        self.fe.send("comm_msg", {"comm_id": stop, "data": {"method": "custom", "content": {"event": "click"}}})
        self.status(shown, "stopped after")
        self.output_update(shown, "n=3", timeout=10)
        self.assertLess(time.monotonic() - t0, 5, "the Stop button stops a 60 s sleep at once")

    def test_an_interrupt_stops_a_callback_that_loops_forever_and_the_widget_still_works(self):
        shown = self.show('var spin = Widgets.interact(v -> { long x = 0; if (v.getInt("n") == 5) while (true) { x++; } return "n=" + v.getInt("n"); },'
                          ' Widgets.intSlider("n", 1, 1, 10));')
        slider = shown.id("IntSliderModel")
        self.fe.update(slider, value=5)
        self.status(shown, "running n = 5")
        time.sleep(0.5)
        t0 = time.monotonic()
        self.k.km.interrupt_kernel()
        self.status(shown, "stopped after", timeout=10)
        self.assertLess(time.monotonic() - t0, 3)
        self.fe.update(slider, value=6)
        self.output_update(shown, "n=6", timeout=10)
        self.assertEqual("2", self.k.run("1 + 1").result()["text/plain"], "cells run after the stopped callback")

    def test_the_cell_time_limit_stops_a_callback(self):
        self.assertEqual("ok", self.k.run("%cell_timeout 1").status)
        try:
            shown = self.show('var sleepy = Widgets.interact(v -> { if (v.getInt("n") > 1) Thread.sleep(60_000); return "n=" + v.getInt("n"); },'
                              ' Widgets.intSlider("n", 1, 1, 10));')
            self.fe.update(shown.id("IntSliderModel"), value=2)
            outputs = self.output_update(shown, "TimeLimitExceeded", timeout=10)
            self.assertIn("the callback ran longer than the time limit of 1 s", outputs_text(outputs))
            self.status(shown, "stopped by the cell time limit")
        finally:
            self.k.run("%cell_timeout off")

    def test_a_failing_callback_shows_its_error_in_cell_lines_and_the_widget_goes_on(self):
        shown = self.show('int check(int n) {\n  if (n == 4) throw new IllegalStateException("four is bad");\n  return n;\n}\n'
                          'var failing = Widgets.interact(v -> "n=" + check(v.getInt("n")), Widgets.intSlider("n", 1, 1, 10));')
        slider = shown.id("IntSliderModel")
        self.fe.update(slider, value=4)
        outputs = self.output_update(shown, "four is bad")
        error = next(o for o in outputs if o["output_type"] == "error")
        self.assertEqual("java.lang.IllegalStateException", error["ename"])
        self.assertTrue(any(re.search(r"at check \(cell \[\d+\] line 2\)", line) for line in error["traceback"]), error["traceback"])
        self.status(shown, "failed after")
        self.fe.update(slider, value=5)
        self.output_update(shown, "n=5")

    def test_bad_values_are_clamped_or_refused_in_one_line(self):
        shown = self.show('AtomicInteger runs = new AtomicInteger();\n'
                          'var strict = Widgets.interact(v -> { runs.incrementAndGet(); return "n=" + v.getInt("n"); },'
                          ' Widgets.intSlider("n", 3, 1, 10), Widgets.dropdown("pick", "a", "a", "b"));')
        slider, pick = shown.id("IntSliderModel"), shown.id("DropdownModel")
        sent = self.fe.update(slider, value=99)
        fixed = self.fe.read_until(lambda m: is_update(m, slider, "value"))
        self.assertEqual(10, fixed["content"]["data"]["state"]["value"], "clamped to max")
        note = self.fe.read_until(lambda m: m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == sent)
        self.assertEqual(1, len(note["content"]["text"].strip().splitlines()))
        self.assertIn("99 is out of range; set to 10", note["content"]["text"])
        self.output_update(shown, "n=10")
        for bad in ({"value": "abc"}, {"value": 2.5}, {"value": None}, {"min": -5}):
            with self.subTest(bad=bad):
                sent = self.fe.update(slider, **bad)
                note = self.fe.read_until(lambda m: m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == sent)
                self.assertEqual(1, len(note["content"]["text"].strip().splitlines()), note["content"]["text"])
                self.assertNotIn("Exception", note["content"]["text"])
        sent = self.fe.update(pick, index=7)
        back = self.fe.read_until(lambda m: is_update(m, pick, "index"))
        self.assertEqual(0, back["content"]["data"]["state"]["index"], "a refused option is sent back as it was")
        self.fe.drain(1.0)
        self.assertFalse([m for m in self.fe.seen if m["msg_type"] == "error"], "never a traceback")
        self.assertEqual("2", self.k.run("runs.get()").result()["text/plain"], "a refused value runs nothing")

    def test_threads_and_worker_jvms_a_callback_starts_are_stopped_like_a_cells(self):
        shown = self.show(
            'import concurrencylab.process.*;\nimport concurrencylab.workload.*;\nimport java.util.concurrent.locks.LockSupport;\n'
            'var pooled = Widgets.interact(v -> {\n'
            '    if (v.getInt("n") == 1) return "idle";\n'
            '    Thread.ofPlatform().start(() -> { while (true) { System.out.println("tick"); LockSupport.parkNanos(100_000_000); } });\n'
            '    try (var pool = WorkerPool.start(2)) {\n'
            '        System.out.println("pids " + pool.pids());\n'
            '        pool.run(Workloads.simulatedIo(2, Duration.ofSeconds(60)), 1, System.nanoTime());\n'
            '    }\n'
            '    return "done";\n'
            '}, Widgets.intSlider("n", 1, 1, 2));')
        self.fe.update(shown.id("IntSliderModel"), value=2)
        outputs = self.output_update(shown, "pids [", timeout=60)
        pids = [int(p) for p in re.findall(r"\d+", re.search(r"pids \[([^\]]*)\]", outputs_text(outputs)).group(1))]
        self.assertEqual(2, len(pids))
        self.output_update(shown, "tick")
        self.k.km.interrupt_kernel()
        self.status(shown, "stopped after", timeout=10)
        self.assertTrue(all(wait_gone(p, 10) for p in pids), "the interrupt ends the callback's worker JVMs")
        self.fe.drain(0.5)
        self.fe.seen.clear()
        self.fe.mark = 0
        self.fe.drain(1.0)
        ticks = [m for m in self.fe.seen if is_update(m, shown.id("OutputModel"), "outputs")]
        self.assertEqual([], ticks, "the callback's thread stopped printing")

    def test_closing_frees_a_widget_from_either_side(self):
        shown = self.show('var closable = Widgets.interact(v -> "n=" + v.getInt("n"), Widgets.intSlider("n", 1, 1, 10));\n'
                          'var lone = Widgets.checkbox("lone", false);\ndisplay(lone);')
        lone = shown.id("CheckboxModel")
        self.fe.send("comm_close", {"comm_id": lone, "data": {}})
        self.fe.drain(0.5)
        self.assertEqual("true", self.k.run("lone.isClosed()").result()["text/plain"])
        self.assertNotIn(lone, self.k.kc.comm_info(target_name="jupyter.widget", reply=True, timeout=10)["content"]["comms"])
        r = self.k.run("closable.close();")
        closed = {m["content"]["comm_id"] for m in r.outputs if m["msg_type"] == "comm_close"}
        self.assertLessEqual(set(shown.ids("IntSliderModel") + shown.ids("OutputModel") + shown.ids("VBoxModel")), closed)
        live = self.k.kc.comm_info(target_name="jupyter.widget", reply=True, timeout=10)["content"]["comms"]
        self.assertFalse(closed & set(live), "closed widgets are no longer listed")
        self.fe.update(shown.id("IntSliderModel"), value=5)
        self.fe.drain(1.0)
        self.assertFalse([m for m in self.fe.seen if m["msg_type"] == "comm_msg"], "a closed widget answers nothing")

    def test_a_measurement_with_sliders_redraws_its_chart_and_table(self):
        shown = self.show(
            'import concurrencylab.workload.*;\nimport concurrencylab.strategy.*;\nimport concurrencylab.measure.*;\nimport concurrencylab.chart.*;\n'
            'var explorer = Measurement.interactive(v -> Workloads.simulatedIo(v.getInt("tasks"), Duration.ofMillis(20)))\n'
            '        .strategies(v -> List.of(Strategies.sequential(), Strategies.fixedPool(v.getInt("workers"))))\n'
            '        .controls(Widgets.intSlider("workers", 2, 1, 8), Widgets.intSlider("tasks", 4, 1, 16))\n'
            '        .warmups(0).repeats(1)\n'
            '        .show(Charts::wallTimes);')
        final = shown.final_display()
        self.assertIn("image/png", final, "headless frontends get the chart at the defaults")
        self.assertIn("fixed pool of 2", final["text/html"])
        self.fe.update(shown.id("IntSliderModel", "workers"), value=4)
        self.status(shown, "measuring workers = 4")
        outputs = self.output_update(shown, "fixed pool of 4")
        self.assertTrue(any("image/png" in o.get("data", {}) for o in outputs), "the chart is redrawn")
        self.assertTrue(any("fixed pool of 4" in o.get("data", {}).get("text/html", "") for o in outputs), "the table shows 4 workers")

    def test_a_measurement_with_sliders_starts_from_the_results_measured_above(self):
        setup = self.k.run(
            'import concurrencylab.workload.*;\nimport concurrencylab.strategy.*;\nimport concurrencylab.measure.*;\nimport concurrencylab.chart.*;\n'
            'record Counted(int tasks) implements Workload {\n'
            '    static final AtomicInteger RAN = new AtomicInteger();\n'
            '    public String description() { return tasks + " counted tasks"; }\n'
            '    public Object runTask(int i) { return RAN.incrementAndGet(); }\n'
            '    public Duration idealTime(int workers, int cores) { return Duration.ZERO; }\n'
            '}\n'
            'var above = Measurement.of(new Counted(4)).warmups(0).repeats(1).progress(s -> {}).run(Strategies.fixedPool(2));')
        self.assertEqual("ok", setup.status, setup.error())
        shown = self.show(
            'Measurement.interactive(v -> new Counted(v.getInt("tasks")))\n'
            '        .strategies(v -> List.of(Strategies.fixedPool(v.getInt("workers"))))\n'
            '        .controls(Widgets.intSlider("workers", 2, 1, 8), Widgets.intSlider("tasks", 4, 1, 16))\n'
            '        .warmups(0).repeats(1).startingFrom(above)\n'
            '        .show(Charts::wallTimes);')
        self.assertIn("fixed pool of 2", shown.final_display()["text/html"], "the figures measured above, in the table")
        self.assertEqual("4", self.k.run("Counted.RAN.get()").result()["text/plain"], "showing measured nothing more")
        self.fe.update(shown.id("IntSliderModel", "workers"), value=3)
        self.output_update(shown, "fixed pool of 3")
        self.assertEqual("8", self.k.run("Counted.RAN.get()").result()["text/plain"], "a moved slider measures")


if __name__ == "__main__":
    unittest.main()
