"""A measurement's live view in the notebook: a line per run, and the timeline of the last timed run
redrawn between timed runs (never during one); when it ends, only the lines stay (issue 21)."""
import re
import unittest

from kernel_session import KernelTestCase


class LiveViewTest(KernelTestCase):
    def test_a_long_measurement_draws_its_last_runs_timeline_between_runs_and_ends_with_its_lines(self):
        self.k.run("import concurrencylab.workload.*; import concurrencylab.strategy.*; import concurrencylab.measure.*;")
        r = self.k.run("var results = Measurement.of(Workloads.simulatedIo(6, Duration.ofMillis(200))).warmups(0).repeats(4)\n"
                       "        .run(Strategies.sequential());")
        self.assertEqual("ok", r.status, r.error())
        views = [m for m in r.outputs if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertEqual("display_data", views[0]["msg_type"], "one display, updated in place")
        self.assertEqual(1, len({m["content"]["transient"]["display_id"] for m in views}))
        drawn = [m["content"]["data"] for m in views if "text/html" in m["content"]["data"]]
        self.assertGreaterEqual(len(drawn), 1, "a 5-second measurement draws its timeline at least once")
        for data in drawn:
            self.assertIn('<img alt="sequential run ', data["text/html"])
            self.assertIn("data:image/png;base64,", data["text/html"])
            # drawn after a timed run: the run it shows has its line
            shown = re.search(r'alt="sequential run (\d)/4', data["text/html"]).group(1)
            self.assertIn(f"run {shown}/4:", data["text/plain"])
        final = views[-1]["content"]["data"]
        self.assertEqual(["text/plain"], list(final), "the timeline goes when the measurement ends")
        self.assertEqual(4, len(re.findall(r"sequential\s+run \d/4: [\d.]+ (?:s|ms), cores busy", final["text/plain"])))

    def test_a_short_measurement_only_prints_its_lines(self):
        r = self.k.run("Measurement.of(Workloads.simulatedIo(2, Duration.ofMillis(20))).warmups(0).repeats(2)\n"
                       "        .run(Strategies.sequential());")
        self.assertEqual("ok", r.status, r.error())
        views = [m["content"]["data"] for m in r.outputs if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertTrue(views)
        self.assertTrue(all(list(d) == ["text/plain"] for d in views), "under a second: nothing to draw")


if __name__ == "__main__":
    unittest.main()
