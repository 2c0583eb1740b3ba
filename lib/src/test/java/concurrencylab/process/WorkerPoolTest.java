package concurrencylab.process;

import concurrencylab.workload.SimulatedIo;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;
import concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class WorkerPoolTest {

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void assertAllGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pids.stream().anyMatch(WorkerPoolTest::alive) && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(List.of(), pids.stream().filter(WorkerPoolTest::alive).toList(), "worker JVMs left running");
    }

    @Test
    void runsTasksInSeparateProcessesAndStopsThemOnClose() throws Exception {
        List<Long> pids;
        try (var pool = WorkerPool.start(2)) {
            pids = pool.pids();
            assertEquals(2, new HashSet<>(pids).size());
            assertFalse(pids.contains(ProcessHandle.current().pid()));
            var cpu = Workloads.cpu(6, Duration.ofMillis(5));
            List<TaskRecord> done = pool.run(cpu, 1, System.nanoTime());
            assertEquals(6, done.size());
            for (TaskRecord r : done) {
                assertNull(r.error(), () -> "task " + r.index() + ": " + r.error());
                assertEquals(cpu.runTask(r.index()), r.result(), "the same result as in this JVM");
                assertTrue(r.worker().startsWith("worker-jvm-"));
            }
            assertTrue(pool.startupTime().toMillis() > 0);
        }
        assertAllGone(pids);
    }

    @Test
    void workerOutputReachesThisJvmsStandardOutput() throws Exception {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true));
        try (var pool = WorkerPool.start(1)) {
            pool.run(new TestWorkloads.Talking(2), 2, System.nanoTime());
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!captured.toString().contains("hello from task 1") && System.nanoTime() < deadline) Thread.sleep(20);
        } finally {
            System.setOut(original);
        }
        assertTrue(captured.toString().matches("(?s).*\\[worker-jvm-\\d+] hello from task 0.*\\[worker-jvm-\\d+] hello from task 1.*"),
                captured.toString());
    }

    @Test
    void bigBatchesWithBigResultsDoNotFillBothPipes() throws Exception {
        // 8,000 indices a batch (32 KB): three sent ahead would fill the worker's stdin while it fills
        // its stdout with results nobody reads yet.
        List<Integer> inputs = IntStream.range(0, 40_000).boxed().toList();
        try (var pool = WorkerPool.start(1)) {
            List<String> out = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> pool.map(x -> "result number " + x, inputs, 8_000));
            assertEquals(40_000, out.size());
            assertEquals("result number 39999", out.get(39_999));
        }
    }

    @Test
    void aCrashedWorkerFailsItsTaskKeepsTheOthersAndIsReplaced() throws Exception {
        try (var pool = WorkerPool.start(2)) {
            List<TaskRecord> done = pool.run(new TestWorkloads.Crashing(6, 2), 1, System.nanoTime());
            assertEquals(6, done.size());
            TaskRecord crashed = done.get(2);
            assertTrue(crashed.failed());
            assertTrue(crashed.error().getMessage().matches("worker-jvm-\\d+ exited with code 7 while running task 2"),
                    crashed.error().getMessage());
            assertEquals(List.of(0, 1, 3, 4, 5), done.stream().filter(r -> !r.failed()).map(TaskRecord::result).toList());
            List<TaskRecord> again = pool.run(new SimulatedIo(4, Duration.ZERO), 1, System.nanoTime());
            assertTrue(again.stream().noneMatch(TaskRecord::failed), "the dead worker was replaced");
            assertEquals(2, pool.size());
        }
    }

    @Test
    void interruptingTheWaitingThreadStopsTheWorkers() throws Exception {
        var pool = WorkerPool.start(2);
        List<Long> pids = pool.pids();
        var thrown = new AtomicReference<Throwable>();
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                pool.run(new SimulatedIo(4, Duration.ofSeconds(30)), 1, System.nanoTime());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(500);
        waiting.interrupt();
        waiting.join(5000);
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertAllGone(pids);
        var e = assertThrows(IllegalStateException.class, () -> pool.run(new SimulatedIo(1, Duration.ZERO), 1, 0));
        assertTrue(e.getMessage().startsWith("this worker pool is closed"));
    }

    @Test
    void aRunInterruptedWhileWaitingForABusyWorkerGivesBackTheWorkerItTook() throws Exception {
        try (var pool = WorkerPool.start(2)) {
            var busy = pool.submit(() -> { Thread.sleep(2000); return 0; }); // holds one worker for 2 s
            Thread.sleep(500);
            Thread waiting = Thread.ofPlatform().start(() -> {
                try {
                    pool.run(new SimulatedIo(2, Duration.ZERO), 1, System.nanoTime());
                } catch (InterruptedException expected) {
                    // what this test does
                }
            });
            Thread.sleep(500); // run() has taken the idle worker and waits for the busy one
            waiting.interrupt();
            waiting.join(5000);
            assertEquals(0, busy.get(10, TimeUnit.SECONDS));
            // Both workers are idle again: two calls run at once, one on each.
            var a = pool.submit(() -> { Thread.sleep(500); return ProcessHandle.current().pid(); });
            var b = pool.submit(() -> { Thread.sleep(500); return ProcessHandle.current().pid(); });
            long ranA = a.get(10, TimeUnit.SECONDS), ranB = b.get(10, TimeUnit.SECONDS);
            assertNotEquals(ranA, ranB, "both calls ran on worker " + ranA + ": the worker run() took was not given back");
            assertTrue(pool.pids().containsAll(List.of(ranA, ranB)));
        }
    }

    @Test
    void aWorkerExitsWhenItsParentIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // stdin stays open (a pipe from sleep), so only the parent watch can end the worker
        var parent = new ProcessBuilder("bash", "-c", "sleep 60 | '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' concurrencylab.process.WorkerMain > /dev/null & echo $!; wait").start();
        long workerPid = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream())).readLine().trim());
        Thread.sleep(1500); // let the worker JVM start and begin watching its parent
        assertTrue(alive(workerPid));
        List<ProcessHandle> helpers = parent.toHandle().descendants().toList();
        parent.destroyForcibly(); // SIGKILL: no chance to clean up
        try {
            assertAllGone(List.of(workerPid));
        } finally {
            helpers.forEach(ProcessHandle::destroyForcibly); // the test's own sleep
        }
    }

    @Test
    void mapKeepsInputOrderAndNamesAFailingInput() throws Exception {
        try (var pool = WorkerPool.start(2)) {
            RemoteFunction<Integer, Integer> square = x -> x * x; // this test class is on the workers' class path
            assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49), pool.map(square, List.of(0, 1, 2, 3, 4, 5, 6, 7), 3));
            RemoteFunction<Integer, Integer> divide = x -> 12 / x;
            var e = assertThrows(MapFailedException.class, () -> pool.map(divide, List.of(1, 0, 4), 1));
            assertTrue(e.getMessage().matches("call 1 \\(input 0\\) failed in worker-jvm-\\d+: java.lang.ArithmeticException: / by zero"),
                    e.getMessage());
            assertEquals(Arrays.asList(12, null, 3), e.results(), "the other results are kept");
        }
    }

    @Test
    void codeFromANotebookCellUnderAnotherKernelGetsAOneLineAnswer() {
        assertEquals("the code uses REPL.$JShell$12, a class defined in a notebook cell, which only the Concurrency Lab kernel"
                + " can send to worker JVMs; under another kernel put the code in a class on the class path",
                ShippedClasses.unknownClass("REPL.$JShell$12"));
    }

    @Test
    void aWorkloadThatCannotBeSentSaysSoInOneLine() throws Exception {
        Object notSerializable = new Object();
        Workload local = new Workload() {
            final Object held = notSerializable;
            public String description() { return "local"; }
            public int tasks() { return 1; }
            public Object runTask(int i) { return held.hashCode(); }
            public Duration idealTime(int w, int c) { return Duration.ZERO; }
        };
        try (var pool = WorkerPool.start(1)) {
            var e = assertThrows(IllegalArgumentException.class, () -> pool.run(local, 1, System.nanoTime()));
            assertTrue(e.getMessage().contains("cannot be sent to worker JVMs"), e.getMessage());
            assertTrue(e.getMessage().endsWith("define it as a class on the class path, not in a notebook cell"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.start(0));
    }

    @Test
    void submittedCallsRunAtOnceOnDifferentWorkers() throws Exception {
        try (var pool = WorkerPool.start(2)) {
            // Each call says where it ran and when it slept: at once means the two sleeps overlap (a total time
            // would also count shipping the calls, which a slow hour here stretched to 0.5 s).
            var a = pool.submit(() -> { long from = System.currentTimeMillis(); Thread.sleep(1000); return new long[]{ProcessHandle.current().pid(), from, System.currentTimeMillis()}; });
            var b = pool.submit(() -> { long from = System.currentTimeMillis(); Thread.sleep(1000); return new long[]{ProcessHandle.current().pid(), from, System.currentTimeMillis()}; });
            long[] ranA = a.get(10, TimeUnit.SECONDS), ranB = b.get(10, TimeUnit.SECONDS);
            assertNotEquals(ranA[0], ranB[0]);
            assertTrue(pool.pids().containsAll(List.of(ranA[0], ranB[0])));
            assertTrue(ranA[1] < ranB[2] && ranB[1] < ranA[2],
                    "the two calls' sleeps did not overlap: " + Arrays.toString(ranA) + " and " + Arrays.toString(ranB));
            var failing = pool.submit(() -> 1 / 0);
            var e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().matches("the submitted call failed in worker-jvm-\\d+: .*/ by zero"), e.getCause().getMessage());
        }
    }

    @Test
    void fewLongTasksSpreadOverEveryWorker() throws Exception {
        try (var pool = WorkerPool.start(2)) {
            var work = Workloads.simulatedIo(4, Duration.ofMillis(200));
            pool.run(work, 1, System.nanoTime()); // warm
            long t0 = System.nanoTime();
            var records = pool.run(work, 1, t0);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(2, records.stream().map(r -> r.worker()).distinct().count(), "both workers ran tasks");
            assertTrue(millis < 600, "4 waits of 200 ms on 2 workers are 2 waves, took " + millis + " ms");
        }
    }
}
