"""Notebook 17's cluster, for real: a Spark master and two workers on 127.0.0.1 started from a cell,
a map whose lambda and record are typed in cells running on two executor JVMs, and no JVM left after
close, after an interrupt while the cluster starts, after the kernel's shutdown, or after the kernel is
killed with SIGKILL.

The longer test job of the course (about 75 s on 2 cores, most of it Spark starting JVMs); `./lab
test` runs it, `tests/run_tests.py test_spark_cluster.py` runs it alone."""
import subprocess
import time
import unittest

from kernel_session import KernelSession
from test_kernel_lifecycle import alive

SPARK = "org.apache.spark:spark-core_2.13:4.2.0"
IMPORTS = ("import org.apache.spark.*; import org.apache.spark.api.java.*; "
           "import org.apache.spark.api.java.function.Function; import concurrencylab.cluster.*;")


def spark_jvms():
    """Pids of Spark masters, workers and executors running on this machine."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return sorted(int(line.split()[0]) for line in out.splitlines()
                  if "org.apache.spark.deploy." in line or "CoarseGrainedExecutorBackend" in line)


def wait_no_spark_jvms(seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        left = [p for p in spark_jvms() if alive(p)]
        if not left:
            return []
        time.sleep(0.2)
    return left


# Ended sessions stay referenced: collecting one while the next kernel runs broke that kernel's
# interrupt (zmq: Operation not supported).
_ENDED = []


class SparkClusterTest(unittest.TestCase):
    def setUp(self):
        self.assertEqual([], spark_jvms(), "Spark JVMs were running before the test")
        self.k = KernelSession()

    def tearDown(self):
        if self.k is not None:
            self.k.close()
            _ENDED.append(self.k)
        for pid in spark_jvms():  # never leave a cluster to the next test, even after a failure
            subprocess.run(["kill", "-9", str(pid)])

    def ok(self, code, timeout=300):
        r = self.k.run(code, timeout=timeout)
        self.assertEqual("ok", r.status, r.error())
        return r

    def test_a_cell_lambda_runs_on_two_executors_close_leaves_no_jvm_and_a_new_cluster_dies_with_its_kernel(self):
        r = self.k.run("concurrencylab.cluster.SparkCluster.start(2)")
        self.assertIn("Spark is not on the class path: run %maven " + SPARK, r.error()["evalue"])
        self.ok(f"%maven {SPARK}\n{IMPORTS}")
        r = self.ok("var cluster = SparkCluster.start(2);\ncluster.masterUrl()")
        self.assertEqual("spark://127.0.0.1:7077", r.result()["text/plain"].strip('"'))
        self.assertEqual(3, len(spark_jvms()), "a master and two workers")
        r = self.k.run("SparkCluster.start(1)")
        self.assertIn("port 7077 on 127.0.0.1 is in use", r.error()["evalue"])
        self.ok('var sc = new JavaSparkContext(new SparkConf().setAppName("test").setMaster(cluster.masterUrl()));')
        self.ok("record Square(int x, long square, long pid) implements java.io.Serializable {}\n"
                "Function<Integer, Square> squares(int offset) {\n"
                "    return x -> { Thread.sleep(300); return new Square(x, (long) (x + offset) * (x + offset), ProcessHandle.current().pid()); };\n"
                "}")
        r = self.ok("var got = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 6).map(squares(10)).collect();\n"
                    "got.stream().map(s -> s.x() + \":\" + s.square()).toList() + \" \" + got.stream().map(Square::pid).distinct().sorted().toList()")
        values, pids = r.result()["text/plain"].strip('"').split(" [")
        self.assertEqual("[1:121, 2:144, 3:169, 4:196, 5:225, 6:256]", values)
        executors = [int(p) for p in pids.rstrip("]").split(", ")]
        self.assertEqual(2, len(executors), "both executors ran tasks")
        kernel = self.k.km.provisioner.process.pid
        self.assertNotIn(kernel, executors)
        self.assertTrue(set(executors) <= set(spark_jvms()), "the tasks ran in the cluster's executor JVMs")
        self.ok("sc.close(); cluster.close();")
        self.assertEqual([], wait_no_spark_jvms(5), "close stops the executors, the workers and the master")
        # The same kernel starts a cluster again, and its shutdown stops every JVM of it (a cluster costs
        # some 20 s on 2 cores: one test does both).
        self.end_with_a_running_cluster("shutdown", imported=True)

    def test_an_interrupt_while_the_cluster_starts_stops_its_jvms(self):
        self.ok(f"%maven {SPARK}\n{IMPORTS}")
        reply, _ = self.k.interrupt_after("var cluster = SparkCluster.start(2);", 3)
        self.assertEqual("error", reply["status"])
        self.assertEqual([], wait_no_spark_jvms(10))
        self.assertEqual("2", self.ok("1 + 1").result()["text/plain"], "the kernel lives on")

    def end_with_a_running_cluster(self, how, imported=False):
        if not imported:
            self.ok(f"%maven {SPARK}\n{IMPORTS}")
        self.ok("var cluster = SparkCluster.start(2);\n"
                'var sc = new JavaSparkContext(new SparkConf().setAppName("test").setMaster(cluster.masterUrl()));\n'
                "sc.parallelize(List.of(1, 2), 2).map(x -> x + 1).collect()")
        self.assertEqual(5, len(spark_jvms()), "a master, two workers and two executors")
        self.k.end(how)
        _ENDED.append(self.k)
        self.k = None
        self.assertEqual([], wait_no_spark_jvms(20), f"Spark JVMs outlived the kernel's {how}")

    def test_killing_the_kernel_stops_every_jvm_of_the_cluster(self):
        self.end_with_a_running_cluster("kill")


if __name__ == "__main__":
    unittest.main()
