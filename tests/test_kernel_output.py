"""Output from every thread, floods, timestamps, and the channels' robustness."""
import datetime
import hashlib
import hmac
import json
import time
import unittest
import uuid

import zmq

from kernel_session import KernelTestCase


class KernelOutputTest(KernelTestCase):
    def test_output_of_a_thread_after_its_cell_ended_reaches_the_notebook(self):
        r = self.k.run('new Thread(() -> { try { Thread.sleep(600); } catch (InterruptedException e) { }\n'
                       '  System.out.println("late hello"); }).start();')
        self.assertEqual("ok", r.status)
        first_cell = r.reply["parent_header"]["msg_id"]
        deadline = time.time() + 5
        late = None
        while time.time() < deadline and late is None:
            try:
                msg = self.k.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if msg["msg_type"] == "stream" and "late hello" in msg["content"]["text"]:
                late = msg
        self.assertIsNotNone(late, "the late line was published on IOPub, not lost in the kernel's log")
        self.assertEqual(first_cell, late["parent_header"]["msg_id"], "attributed to the cell that started the thread")

    def test_late_output_goes_to_the_running_cell_when_there_is_one(self):
        self.k.run('new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { }\n'
                   '  System.out.println("from the earlier cell"); }).start();')
        r = self.k.run("Thread.sleep(1000);")
        self.assertIn("from the earlier cell", r.stream(), "a frontend shows only the running cell's output")

    def test_a_million_lines_are_batched_and_capped_with_a_note(self):
        t0 = time.monotonic()
        r = self.k.run('for (int i = 0; i < 1_000_000; i++) System.out.println("line " + i);', timeout=120)
        took = time.monotonic() - t0
        self.assertEqual("ok", r.status)
        streams = [m for m in r.outputs if m["msg_type"] == "stream"]
        self.assertLess(len(streams), 2000, "batched into few messages, not a million")
        out = r.stream("stdout")
        self.assertTrue(out.startswith("line 0\nline 1\n"))
        self.assertLessEqual(len(out), 2_000_000)
        note = r.stream("stderr")
        self.assertRegex(note, r"output capped: the cell printed more than 2,000,000 characters; [\d,]+ more were not shown")
        print(f"\n    1,000,000 lines: {len(streams)} messages, {took:.1f} s", end=" ")

    def test_timestamps_have_microseconds(self):
        r = self.k.run("1 + 1")
        for msg in r.outputs + [r.reply]:
            date = msg["header"]["date"]
            if isinstance(date, datetime.datetime):
                date = date.isoformat()
            self.assertRegex(date, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}")

    def test_bad_signature_is_dropped_and_every_channel_keeps_serving(self):
        info = self.k.km.get_connection_info()
        ctx = zmq.Context.instance()
        for channel in ("shell", "control"):
            sock = ctx.socket(zmq.DEALER)
            sock.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
            header = json.dumps({"msg_id": str(uuid.uuid4()), "username": "x", "session": "x",
                                 "msg_type": "kernel_info_request", "version": "5.3",
                                 "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}).encode()
            parts = [header, b"{}", b"{}", b"{}"]
            bad = hmac.new(b"wrong key", b"".join(parts), hashlib.sha256).hexdigest().encode()
            sock.send_multipart([b"<IDS|MSG>", bad] + parts)
            self.assertEqual(0, sock.poll(500), "no reply to a forged message")
            sock.close(0)
        # the kernel answers on shell and control afterwards
        self.assertEqual("2", self.k.run("1 + 1").result()["text/plain"])
        self.k.km.interrupt_kernel()  # over the control channel; it does not wait for the reply,
        time.sleep(0.5)               # and an interrupt landing in the next cell would (rightly) stop it
        self.assertEqual("3", self.k.run("1 + 2").result()["text/plain"])
        self.k.kc.kernel_info()
        self.assertEqual("ok", self.k.kc.get_shell_msg(timeout=5)["content"]["status"])

    def test_sockets_listen_on_the_connection_files_address_only(self):
        import subprocess
        pid = self.k.km.provisioner.process.pid
        listening = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
        mine = [line.split()[3] for line in listening.splitlines() if f"pid={pid}," in line]
        self.assertEqual(5, len(mine), listening)
        # jeromq binds an IPv6 socket to the IPv4-mapped form of 127.0.0.1: still loopback only
        self.assertTrue(all(addr.rsplit(":", 1)[0] in ("127.0.0.1", "[::ffff:127.0.0.1]") for addr in mine), mine)


if __name__ == "__main__":
    unittest.main()
