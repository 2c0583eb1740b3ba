"""A running Concurrency Lab kernel driven through jupyter_client, for tests."""
import os
import time

from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = "concurrency-lab"


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
        os.environ["JUPYTER_PATH"] = os.path.join(ROOT, "build", "jupyter")
        self.km, self.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)

    def run(self, code, timeout=60):
        outputs = []

        def hook(msg):
            if msg["msg_type"] not in ("status", "execute_input"):
                msg["received"] = time.monotonic()
                outputs.append(msg)

        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=hook)
        return Reply(reply["content"]["status"], outputs, reply)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
