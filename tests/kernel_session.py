"""A running Concurrency Lab kernel driven through jupyter_client, for tests."""
import os
import queue
import signal
import sys
import time
import unittest

from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import kernelspec  # noqa: E402
KERNEL = "concurrency-lab"


def cpu_seconds(pid):
    """User + system CPU time of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(pid, timeout=15.0):
    """Waits until the kernel uses under 0.1 core: after its first cells it reads the class path's package
    names for completion and warms its renderers while idle, and the JIT compiler finishes, which a CPU
    measurement must not take for the cell's threads."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(1.5)  # longer than the idle second after which the package names are read
        if (cpu_seconds(pid) - c0) / (time.monotonic() - t0) < 0.1:
            return
    raise AssertionError(f"the kernel kept a core busy for {timeout} s while idle")


class Reply:
    def __init__(self, status, outputs, reply):
        self.status = status
        self.outputs = outputs      # iopub messages other than status/execute_input, in order
        self.reply = reply

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.outputs
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)

    def result(self):
        results = [m["content"]["data"] for m in self.outputs if m["msg_type"] == "execute_result"]
        return results[-1] if results else None

    def displays(self):
        return [m["content"]["data"] for m in self.outputs if m["msg_type"] in ("display_data", "execute_result")]

    def error(self):
        errors = [m["content"] for m in self.outputs if m["msg_type"] == "error"]
        return errors[-1] if errors else None


class KernelSession:
    def __init__(self):
        kernelspec.use_built_kernel()
        self.km, self.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)

    def run(self, code, timeout=60):
        outputs = []

        def hook(msg):
            if msg["msg_type"] not in ("status", "execute_input"):
                msg["received"] = time.monotonic()
                outputs.append(msg)

        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=hook)
        return Reply(reply["content"]["status"], outputs, reply)

    def interrupt_after(self, code, delay, outputs=None, printed=None):
        """Runs code, interrupts it after `delay` s (after it has printed `printed`, if given); returns (reply
        content, seconds from interrupt to reply). The cell's IOPub messages other than status and
        execute_input go to `outputs` if given."""
        msg_id = self.kc.execute(code)
        while printed is not None:
            msg = self.kc.get_iopub_msg(timeout=60)
            if outputs is not None and msg["msg_type"] not in ("status", "execute_input"):
                outputs.append(msg)
            if msg["msg_type"] == "stream" and printed in msg["content"]["text"]:
                break
        time.sleep(delay)
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        took = time.monotonic() - t0
        while True:  # drain IOPub to this cell's idle, so the next cell starts clean
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle" \
                    and msg["parent_header"].get("msg_id") == msg_id:
                break
            if outputs is not None and msg["msg_type"] not in ("status", "execute_input"):
                outputs.append(msg)
        return reply["content"], took

    def iopub_left(self, quiet=0.5):
        """The IOPub messages that arrive until none has for `quiet` s, whichever cell they belong to."""
        left = []
        while True:
            try:
                left.append(self.kc.get_iopub_msg(timeout=quiet))
            except queue.Empty:
                return left

    def end(self, how):
        """Ends the kernel by a shutdown request, or by SIGKILL (no chance to clean up); returns its pid."""
        pid = self.km.provisioner.process.pid
        if how == "shutdown":
            self.close()
        else:
            os.kill(pid, signal.SIGKILL)
            self.kc.stop_channels()
            self.km.cleanup_resources()
        return pid

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


class KernelTestCase(unittest.TestCase):
    """Tests sharing one kernel, started before the first and shut down after the last."""

    @classmethod
    def setUpClass(cls):
        cls.k = KernelSession()

    @classmethod
    def tearDownClass(cls):
        cls.k.close()
