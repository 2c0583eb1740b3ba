package concurrencylab.process;

import concurrencylab.internal.PrivateDir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/** Queues, pipes and shared values between this JVM and child JVMs. */
class CrossProcessTest {

    @Test
    void producersInChildrenAndAConsumerHereShareAQueue() throws Exception {
        try (ProcessQueue<Integer> queue = ProcessQueue.create()) {
            List<JvmProcess> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int base = p * 1000;
                producers.add(JvmProcess.start(() -> {
                    for (int i = 1; i <= 500; i++) queue.put(base + i);
                    queue.putEnd();
                }));
            }
            long sum = 0;
            int ends = 0, items = 0;
            while (ends < 2) {
                Integer item = queue.take();
                if (item == null) ends++;
                else { sum += item; items++; }
            }
            for (JvmProcess p : producers) assertEquals(0, p.join());
            assertEquals(1000, items);
            assertEquals(2 * 125250L + 500 * 1000L, sum);
        }
    }

    @Test
    void itemsPutJustBeforeAChildExitsAllArrive() throws Exception {
        try (ProcessQueue<Integer> queue = ProcessQueue.create()) {
            // Puts leave through a feeder thread; the child ends right after its last put, with no sentinel.
            var producer = JvmProcess.start(() -> {
                for (int i = 0; i < 3000; i++) queue.put(i);
            });
            assertEquals(0, producer.join());
            long sum = 0;
            for (int i = 0; i < 3000; i++) sum += queue.take(Duration.ofSeconds(5));
            assertEquals(2999L * 3000 / 2, sum);
            assertEquals(0, queue.size());
        }
    }

    @Test
    void itemsPutByPoolTasksAreThereWhenTheMapReturns() throws Exception {
        try (ProcessQueue<Integer> queue = ProcessQueue.create(); var pool = WorkerPool.start(2)) {
            pool.map(x -> {
                for (int i = 0; i < 100; i++) queue.put(x);
                return x;
            }, List.of(1, 2, 3, 4), 1);
            assertEquals(400, queue.size());
        }
    }

    @Test
    void aPoolTaskFillingABoundedQueueDoesNotHangTheMap() throws Exception {
        try (ProcessQueue<Integer> queue = ProcessQueue.create(2); var pool = WorkerPool.start(1)) {
            // Nobody takes until the map returns: the worker waits a moment for its items, then reports anyway.
            List<Integer> done = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pool.map(x -> {
                for (int i = 0; i < 5; i++) queue.put(i);
                return x;
            }, List.of(7), 1));
            assertEquals(List.of(7), done);
            long sum = 0;
            for (int i = 0; i < 5; i++) sum += queue.take(Duration.ofSeconds(5));
            assertEquals(10, sum, "the items that waited for room arrive as it is made");
        }
    }

    @Test
    void joinableQueueJoinReturnsWhenConsumersMarkedEveryItemDone() throws Exception {
        try (ProcessQueue<Integer> queue = ProcessQueue.create(); var total = SharedLong.create(0)) {
            List<JvmProcess> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(JvmProcess.start(() -> {
                    for (Integer item; (item = queue.take()) != null; ) {
                        total.getAndAdd(item);
                        queue.taskDone();
                    }
                }));
            }
            for (int i = 1; i <= 200; i++) queue.put(i);
            queue.join(); // every item done, though no consumer has stopped
            assertEquals(20100, total.get());
            assertTrue(consumers.stream().allMatch(JvmProcess::isAlive), "consumers wait for more until they get the sentinel");
            for (int c = 0; c < 2; c++) queue.putEnd();
            for (JvmProcess c : consumers) assertTrue(c.join(Duration.ofSeconds(10)), "the sentinel stops each consumer");
        }
    }

    @Test
    void withoutASentinelTheConsumerNeverEndsAndATimeoutShowsIt() throws Exception {
        try (ProcessQueue<String> queue = ProcessQueue.create()) {
            var consumer = JvmProcess.start(() -> {
                while (true) queue.take(); // seed 000, Example 2
            });
            queue.put("only item");
            assertFalse(consumer.join(Duration.ofSeconds(1)), "seed 000's consumer waits for ever");
            consumer.destroyForcibly();
            assertTrue(consumer.join(Duration.ofSeconds(5)));
        }
    }

    @Test
    void queueErrorsAreOneLine() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        assertEquals("put(null): a queue item cannot be null; putEnd() tells a consumer to stop",
                assertThrows(IllegalArgumentException.class, () -> queue.put(null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> queue.put(new Object())).getMessage()
                .startsWith("cannot put a java.lang.Object on a process queue"));
        assertThrows(TimeoutException.class, () -> queue.take(Duration.ofMillis(50)));
        assertTrue(assertThrows(IllegalStateException.class, queue::taskDone).getMessage().contains("taskDone() was called more times"));
        queue.close();
        assertTrue(assertThrows(IllegalStateException.class, () -> queue.put("x")).getMessage().endsWith("is closed"));
    }

    @Test
    void aTimedTakeGivesUpWithATimeoutHereAndInAChild() throws Exception {
        try (ProcessQueue<String> queue = ProcessQueue.create()) {
            long t0 = System.nanoTime();
            var e = assertThrows(TimeoutException.class, () -> queue.take(Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - t0 >= 100_000_000L, "it waited the whole timeout");
            assertEquals("nothing arrived on " + queue + " within PT0.1S", e.getMessage());
            var child = JvmProcess.start(() -> {
                try {
                    queue.take(Duration.ofMillis(100));
                } catch (TimeoutException expected) {
                    System.exit(5);
                }
            });
            assertTrue(child.join(Duration.ofSeconds(30)));
            assertEquals(5, child.exitCode().orElseThrow(), "the child's take timed out");
            queue.put("item");
            queue.putEnd();
            assertEquals("item", queue.take(Duration.ofSeconds(5)));
            assertNull(queue.take(Duration.ofSeconds(5)), "null is the sentinel, which is why a timeout throws");
        }
        // No poll(Duration) that reads as BlockingQueue's (null on timeout) and throws instead.
        assertThrows(NoSuchMethodException.class, () -> ProcessQueue.class.getMethod("poll", Duration.class));
    }

    @Test
    void closingTheQueueWakesAChildWaitingInTake() throws Exception {
        ProcessQueue<String> queue = ProcessQueue.create();
        var consumer = JvmProcess.start(() -> {
            try {
                queue.take();
            } catch (IllegalStateException e) {
                System.out.println("consumer saw: " + e.getMessage());
                System.exit(4);
            }
        });
        Thread.sleep(500);
        queue.close();
        assertTrue(consumer.join(Duration.ofSeconds(5)));
        assertEquals(4, consumer.exitCode().orElseThrow());
    }

    @Test
    void closingTheQueueWakesEveryThreadWaitingHere() throws Exception {
        ProcessQueue<Integer> empty = ProcessQueue.create();
        ProcessQueue<Integer> full = ProcessQueue.create(1);
        full.put(0);
        var waiting = new ArrayList<Thread>();
        var sawClosed = new CountDownLatch(103);
        for (int i = 0; i < 100; i++) waiting.add(Thread.ofVirtual().start(() -> expectClosed(empty::take, sawClosed)));
        for (int i = 0; i < 3; i++) waiting.add(Thread.ofVirtual().start(() -> expectClosed(() -> full.put(1), sawClosed)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING) && System.nanoTime() < deadline) Thread.sleep(10);
        empty.close();
        full.close();
        assertTrue(sawClosed.await(5, TimeUnit.SECONDS), sawClosed.getCount() + " of 103 threads still wait after close()");
    }

    private interface Waiting {
        void run() throws InterruptedException;
    }

    private static void expectClosed(Waiting waiting, CountDownLatch sawClosed) {
        try {
            waiting.run();
        } catch (IllegalStateException e) {
            if (e.getMessage().endsWith("is closed")) sawClosed.countDown();
        } catch (InterruptedException e) {
            // not counted
        }
    }

    @Test
    void aPipeCarriesObjectsAndBytesBothWays() throws Exception {
        try (var pipe = ProcessPipe.open()) {
            var childEnd = pipe.childEnd();
            var child = JvmProcess.start(() -> {
                String question = (String) childEnd.receive();
                childEnd.send(question.length());
                byte[] raw = childEnd.receiveBytes();
                childEnd.sendBytes(new byte[]{(byte) raw.length});
            });
            var parentEnd = pipe.parentEnd();
            parentEnd.send("how long is this?");
            assertEquals(17, parentEnd.receive());
            parentEnd.sendBytes(new byte[300]);
            assertArrayEquals(new byte[]{(byte) 300}, parentEnd.receiveBytes());
            assertEquals(0, child.join());
            assertEquals("the other end closed the pipe", assertThrows(IllegalStateException.class, parentEnd::receive).getMessage());
        }
    }

    @Test
    void aChildSendingMoreThanTheBufferWaitsUntilTheParentDrainsThePipe() throws Exception {
        try (var pipe = ProcessPipe.open()) {
            var childEnd = pipe.childEnd();
            var child = JvmProcess.start(() -> childEnd.sendBytes(new byte[8 << 20]));
            assertFalse(child.join(Duration.ofSeconds(1)), "join before receive: the child is stuck in send");
            assertEquals(8 << 20, pipe.parentEnd().receiveBytes().length);
            assertTrue(child.join(Duration.ofSeconds(10)), "drained: the child finishes");
        }
    }

    @Test
    void theParentEndStaysHome() {
        try (var pipe = ProcessPipe.open()) {
            var parentEnd = pipe.parentEnd();
            var e = assertThrows(IllegalArgumentException.class, () -> JvmProcess.start(() -> parentEnd.send("x")));
            assertTrue(e.getMessage().contains("the parent end of a pipe"), e.getMessage());
        }
    }

    /** Two children wait at a gate, then each adds 1 {@code perChild} times with {@code how}. */
    private static long countWith(String how, int perChild) throws Exception {
        try (var counter = SharedLong.create(0); var gate = SharedLong.create(0)) {
            List<JvmProcess> children = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                children.add(JvmProcess.start(() -> {
                    gate.getAndAdd(1);
                    while (gate.get() < 2) Thread.onSpinWait(); // start together, so the updates overlap
                    for (int i = 0; i < perChild; i++) {
                        switch (how) {
                            case "plain" -> counter.set(counter.get() + 1);
                            case "atomic" -> counter.getAndAdd(1);
                            case "lock" -> {
                                try (var held = counter.lock()) {
                                    counter.set(counter.get() + 1);
                                }
                            }
                            default -> throw new IllegalArgumentException(how);
                        }
                    }
                }));
            }
            for (JvmProcess c : children) assertEquals(0, c.join());
            return counter.get();
        }
    }

    @Test
    void plainUpdatesFromTwoProcessesGetLostAtomicsAndTheLockDoNot() throws Exception {
        long plain = countWith("plain", 2_000_000);
        assertTrue(plain < 4_000_000, "plain read-then-write from two processes lost no update: " + plain);
        assertEquals(400_000, countWith("atomic", 200_000));
        assertEquals(100_000, countWith("lock", 50_000));
    }

    @Test
    void compareAndSetAndTheLockIsNotReentrant() {
        try (var value = SharedLong.create(5)) {
            assertTrue(value.compareAndSet(5, 6));
            assertFalse(value.compareAndSet(5, 7));
            assertEquals(6, value.get());
            try (var held = value.lock()) {
                assertTrue(assertThrows(IllegalStateException.class, value::lock).getMessage().contains("not reentrant"));
            }
            try (var again = value.lock()) {
                assertEquals(6, value.get());
            }
        }
    }

    @Test
    void sharedFilesAndSocketsAreOwnerOnlyAndRemovedOnClose() throws Exception {
        var queue = ProcessQueue.create();
        var value = SharedLong.create(1);
        var pipe = ProcessPipe.open();
        Path dir = PrivateDir.get();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        queue.close();
        value.close();
        pipe.close();
        for (Path f : files) assertFalse(Files.exists(f), f + " left behind");
    }
}
