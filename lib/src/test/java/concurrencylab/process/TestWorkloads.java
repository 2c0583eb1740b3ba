package concurrencylab.process;

import concurrencylab.workload.Workload;

import java.time.Duration;

/** Workloads for the pool tests; on the class path, so worker JVMs can load them. */
final class TestWorkloads {
    private TestWorkloads() {}

    /** Prints a line per task, in the worker. */
    record Talking(int tasks) implements Workload {
        public String description() { return "talking"; }
        public Object runTask(int i) {
            System.out.println("hello from task " + i);
            return ProcessHandle.current().pid();
        }
        public Duration idealTime(int w, int c) { return Duration.ZERO; }
    }

    /** Task {@code crashAt} kills its worker JVM. */
    record Crashing(int tasks, int crashAt) implements Workload {
        public String description() { return "crashing"; }
        public Object runTask(int i) {
            if (i == crashAt) Runtime.getRuntime().halt(7);
            return i;
        }
        public Duration idealTime(int w, int c) { return Duration.ZERO; }
    }
}
