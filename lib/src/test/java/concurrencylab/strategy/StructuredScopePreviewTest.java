package concurrencylab.strategy;

import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Runs in a JVM with {@code --enable-preview} (see the lib pom's preview-tests execution). */
class StructuredScopePreviewTest {

    record FailsAt(int tasks, int failing) implements concurrencylab.workload.Workload {
        public String description() { return "fails at " + failing; }
        public Object runTask(int i) {
            if (i == failing) throw new IllegalStateException("task " + i + " fails on purpose");
            return i;
        }
        public Duration idealTime(int w, int c) { return Duration.ZERO; }
    }

    @Test
    void forksEveryTaskAndJoinsThemAll() throws Exception {
        Strategy scope = Strategies.structuredTaskScope();
        long t0 = System.nanoTime();
        List<TaskRecord> records = scope.run(Workloads.simulatedIo(100, Duration.ofMillis(100)), t0);
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(wallMillis < 2000, "100 waits of 100 ms in one scope took " + wallMillis + " ms; sequential takes 10000");
        for (int i = 0; i < 100; i++) {
            assertEquals(i, records.get(i).result());
            assertTrue(records.get(i).worker().startsWith("scope-"), records.get(i).worker());
        }
    }

    @Test
    void aFailingTaskIsRecordedAndTheOthersFinish() throws Exception {
        var work = new FailsAt(5, 2);
        List<TaskRecord> records = Strategies.structuredTaskScope().run(work, System.nanoTime());
        assertEquals(5, records.size());
        assertTrue(records.get(2).failed());
        assertEquals(4, records.stream().filter(r -> !r.failed()).count());
    }

    @Test
    void interruptingTheOwnerCancelsEverySubtask() throws Exception {
        var outcome = new ArrayBlockingQueue<Object>(1);
        Thread owner = Thread.ofPlatform().start(() -> {
            try {
                Strategies.structuredTaskScope().run(Workloads.simulatedIo(20, Duration.ofSeconds(30)), System.nanoTime());
                outcome.add("finished");
            } catch (InterruptedException e) {
                outcome.add(e);
            }
        });
        Thread.sleep(300);
        long t0 = System.nanoTime();
        owner.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.poll(5, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - t0) < 1_000_000_000L, "the scope took over a second to close");
    }
}
