"""The kernel process never outlives what it belongs to."""
import os
import signal
import subprocess
import sys
import textwrap
import time
import unittest

from kernel_session import KernelSession, kernelspec


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False


class KernelLifecycleTest(unittest.TestCase):
    def test_shutdown_ends_the_kernel_even_while_a_cell_runs(self):
        k = KernelSession()
        pid = k.km.provisioner.process.pid
        k.kc.execute("while (true) { }")
        time.sleep(0.5)
        k.km.request_shutdown()
        self.assertTrue(wait_gone(pid, 10), "kernel still running after a shutdown request")
        k.kc.stop_channels()
        k.km.cleanup_resources()

    def test_kernel_exits_when_its_parent_is_killed(self):
        script = textwrap.dedent("""
            import time
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name="concurrency-lab")
            print(km.provisioner.process.pid, flush=True)
            time.sleep(120)
        """)
        parent = subprocess.Popen([sys.executable, "-c", script], env=kernelspec.use_built_kernel(dict(os.environ)),
                                  stdout=subprocess.PIPE, text=True)
        kernel_pid = int(parent.stdout.readline())
        self.assertTrue(alive(kernel_pid))
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        self.assertTrue(wait_gone(kernel_pid, 10), "orphaned kernel left running after its parent was killed")

    def test_kernel_exits_when_its_parent_dies_while_it_starts(self):
        # The parent is gone before the JVM reaches main: the kernel must not adopt init as its parent.
        script = textwrap.dedent("""
            import os
            from jupyter_client.manager import KernelManager
            km = KernelManager(kernel_name="concurrency-lab")
            km.start_kernel()
            print(km.provisioner.process.pid, flush=True)
            os._exit(0)
        """)
        parent = subprocess.Popen([sys.executable, "-c", script], env=kernelspec.use_built_kernel(dict(os.environ)),
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        kernel_pid = int(parent.stdout.readline())
        parent.wait()
        self.assertTrue(wait_gone(kernel_pid, 10), "kernel left running after its parent died during its start")


if __name__ == "__main__":
    unittest.main()
