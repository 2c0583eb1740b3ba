package concurrencylab.process;

import concurrencylab.Check;
import concurrencylab.workload.TaskRecord;
import concurrencylab.workload.Workload;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool of worker JVMs, Java's {@code multiprocessing.Pool}: each worker is a separate operating-system
 * process with the same JDK and the library on its class path. Started once and reused; tasks travel
 * to the workers in batches ({@code chunkSize} tasks per message) over pipes.
 *
 * <pre>{@code
 * try (var pool = WorkerPool.start(4)) {
 *     pool.startupTime();                                    // how long the 4 JVMs took to start
 *     List<TaskRecord> done = pool.run(work, 1, System.nanoTime());
 * }
 * }</pre>
 *
 * <p>No orphans: workers exit when the pool closes or is terminated, when the cell waiting on them is
 * interrupted, when this JVM exits, and when it is killed (each worker watches its parent).
 */
public final class WorkerPool implements AutoCloseable {
    private static final Map<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();
    private static final List<WorkerPool> OPEN = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(WorkerPool::terminate), "stop worker JVMs"));
    }

    private final List<PoolWorker> workers = new CopyOnWriteArrayList<>();
    /** One run() at a time; it takes every worker, a submitted call takes one. */
    private final ReentrantLock calling = new ReentrantLock(true);
    private final LinkedBlockingQueue<PoolWorker> idle = new LinkedBlockingQueue<>();
    private final Duration startup;
    private volatile boolean closed;
    /** One thread per worker feeds it batches during a call; kept between calls, as starting them cost more than a short call. */
    private final ExecutorService dispatch = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon(true).name("worker-pool-dispatch-", 0).factory());

    private WorkerPool(int size) throws IOException {
        long t0 = System.nanoTime();
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < size; i++) started.add(PoolWorker.launch()); // all start at once, then each says it is ready
        try {
            for (Process p : started) workers.add(new PoolWorker(p));
            idle.addAll(workers);
        } catch (IOException | RuntimeException e) {
            started.forEach(Process::destroyForcibly);
            throw e;
        }
        startup = Duration.ofNanos(System.nanoTime() - t0);
        OPEN.add(this);
    }

    /** Starts {@code workers} worker JVMs and waits until each is ready. */
    public static WorkerPool start(int workers) throws IOException {
        return new WorkerPool(Check.atLeast("workers", workers, 1));
    }

    /** A pool of {@code workers} kept for reuse across measurements; started on first use, again after it was stopped. */
    public static synchronized WorkerPool shared(int workers) throws IOException {
        WorkerPool pool = SHARED.get(workers);
        if (pool == null || pool.closed) {
            pool = start(workers);
            SHARED.put(workers, pool);
        }
        return pool;
    }

    /** How long starting the workers took, until every one was ready for work. */
    public Duration startupTime() {
        return startup;
    }

    /** Number of worker processes. */
    public int size() {
        return workers.size();
    }

    /** The workers' process ids. */
    public List<Long> pids() {
        return workers.stream().map(PoolWorker::pid).toList();
    }

    /**
     * Runs every task of {@code work} on the workers, {@code chunkSize} tasks per message, each worker
     * taking the next chunk when it is done. A task that throws, or whose worker dies, is recorded with
     * its error; the other results are kept. Times are relative to {@code originNanos} ({@code System.nanoTime()}).
     * Submitted calls still running finish first.
     *
     * @throws InterruptedException when interrupted; once the tasks are running, the workers are stopped at
     *                              once and the pool is closed
     */
    public List<TaskRecord> run(Workload work, int chunkSize, long originNanos) throws InterruptedException {
        Check.notNull("work", work);
        Check.atLeast("chunkSize", chunkSize, 1);
        if (closed) throw closedError();
        Shipment shipment = Shipment.of(work);
        calling.lockInterruptibly();
        List<PoolWorker> taken = new ArrayList<>();
        boolean ran = false;
        try {
            while (taken.size() < workers.size()) taken.add(takeIdle()); // wait for submitted calls to finish
            ran = true;
            return runLocked(work, shipment, chunkSize, originNanos);
        } finally {
            // After a run every worker is idle, the dead ones replaced in the list; before it, only those taken.
            idle.addAll(ran ? workers : taken);
            calling.unlock();
        }
    }

    private PoolWorker takeIdle() throws InterruptedException {
        while (true) {
            if (closed) throw closedError();
            PoolWorker w = idle.poll(100, TimeUnit.MILLISECONDS);
            if (w != null) return w;
        }
    }

    private List<TaskRecord> runLocked(Workload work, Shipment shipment, int chunkSize, long originNanos) throws InterruptedException {
        if (closed) throw closedError();
        replaceDeadWorkers();
        long epochAtOrigin = ChildFrames.epochNanos() - (System.nanoTime() - originNanos);
        var chunks = new ConcurrentLinkedQueue<int[]>();
        for (int i = 0; i < work.tasks(); i += chunkSize) {
            int[] chunk = new int[Math.min(chunkSize, work.tasks() - i)];
            for (int j = 0; j < chunk.length; j++) chunk[j] = i + j;
            chunks.add(chunk);
        }
        // One slot per task, each written by the one dispatcher that ran it; read after they are all done.
        var records = new TaskRecord[work.tasks()];
        // A crashed worker hands back the batches it had not started; another round runs them on the
        // replacement. A task that crashed its worker is recorded as failed, not retried, so this ends.
        for (int round = 0; round < 3 && !chunks.isEmpty(); round++) {
            if (round > 0) replaceDeadWorkers();
            List<Future<?>> dispatchers = new ArrayList<>();
            for (PoolWorker worker : workers) {
                dispatchers.add(dispatch.submit(() -> worker.serve(shipment, chunks, records, epochAtOrigin, workers.size())));
            }
            try {
                for (var d : dispatchers) d.get();
            } catch (InterruptedException e) {
                terminate();
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a worker's dispatcher failed: " + e.getCause(), e.getCause());
            }
        }
        for (int[] left : chunks) { // every worker died: nobody ran these
            for (int i : left) records[i] = PoolWorker.failed(i, "no worker JVM was left to run task " + i, epochAtOrigin);
        }
        for (int i = 0; i < records.length; i++) {
            if (records[i] == null) records[i] = PoolWorker.failed(i, "task " + i + " got no result from any worker JVM", epochAtOrigin);
        }
        return List.of(records);
    }

    /**
     * {@code function} applied to every input in the worker JVMs, results in input order: Python's
     * {@code pool.map(f, inputs, chunksize)}. The function may be a lambda typed in a notebook cell:
     * under the Concurrency Lab kernel its classes travel to the workers, with a copy of the notebook's
     * serializable variables as they are at the call (changes in a worker stay in that worker).
     *
     * <pre>{@code
     * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4), 1);   // [1, 4, 9, 16]
     * }</pre>
     *
     * @throws MapFailedException when a call threw or its worker died: names the input and why, keeps the other results
     */
    @SuppressWarnings("unchecked")
    public <T, R> List<R> map(RemoteFunction<? super T, ? extends R> function, List<? extends T> inputs, int chunkSize)
            throws InterruptedException {
        Check.notNull("function", function);
        Check.notNull("inputs", inputs);
        List<TaskRecord> done = run(new MapWork<>(function, List.copyOf(inputs)), chunkSize, System.nanoTime());
        List<R> results = new ArrayList<>(done.size());
        TaskRecord firstFailure = null;
        for (TaskRecord r : done) {
            results.add((R) r.result());
            if (r.failed() && firstFailure == null) firstFailure = r;
        }
        if (firstFailure != null) throw new MapFailedException(firstFailure, inputs.get(firstFailure.index()), results);
        return results;
    }

    /**
     * Runs {@code task} on a worker and returns its future result: Python's {@code apply_async}. Calls
     * submitted while the pool is busy are sent together, one per worker at a time.
     *
     * <pre>{@code
     * var a = pool.submit(() -> slowSquare(3));
     * var b = pool.submit(() -> slowSquare(4));
     * a.get() + b.get();                          // 25, computed in two worker JVMs at once
     * }</pre>
     *
     * The future fails with an exception naming the worker and why when the call threw.
     */
    public <R> CompletableFuture<R> submit(RemoteCallable<? extends R> task) {
        Check.notNull("task", task);
        if (closed) throw closedError();
        var work = new MapWork<RemoteCallable<? extends R>, R>(RemoteCallable::call, List.of(task));
        Shipment shipment = Shipment.of(work);
        var future = new CompletableFuture<R>();
        Thread.ofVirtual().name("pool-submission").start(() -> {
            try {
                PoolWorker worker = takeIdle();
                try {
                    if (!worker.isAlive()) worker = replace(worker);
                    var records = new TaskRecord[1];
                    var chunk = new ConcurrentLinkedQueue<int[]>(List.<int[]>of(new int[]{0}));
                    worker.serve(shipment, chunk, records, ChildFrames.epochNanos(), 1);
                    TaskRecord r = records[0] == null ? PoolWorker.failed(0, worker.name() + " took no task", ChildFrames.epochNanos()) : records[0];
                    if (r.failed()) {
                        future.completeExceptionally(new IllegalStateException("the submitted call failed in " + r.worker() + ": "
                                + r.error(), r.error()));
                    } else {
                        @SuppressWarnings("unchecked") R result = (R) r.result();
                        future.complete(result);
                    }
                } finally {
                    if (!worker.isAlive() && !closed) worker = replace(worker);
                    idle.add(worker);
                }
            } catch (InterruptedException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private synchronized PoolWorker replace(PoolWorker dead) {
        PoolWorker fresh = restart();
        int i = workers.indexOf(dead);
        if (i >= 0) workers.set(i, fresh);
        return fresh;
    }

    /** Waits for the workers to finish and exit (up to 2 s each), then stops what is left. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (PoolWorker w : workers) w.stop();
        for (PoolWorker w : workers) w.awaitExit(ChildJvm.training() ? 120 : 2, TimeUnit.SECONDS);
        dispatch.shutdown();
        OPEN.remove(this);
    }

    /** Stops every worker now. */
    public void terminate() {
        closed = true;
        workers.forEach(PoolWorker::kill);
        dispatch.shutdown();
        OPEN.remove(this);
    }

    private void replaceDeadWorkers() {
        for (int i = 0; i < workers.size(); i++) {
            if (!workers.get(i).isAlive()) workers.set(i, restart());
        }
    }

    /** A new worker in place of one that died. */
    private static PoolWorker restart() {
        try {
            return new PoolWorker(PoolWorker.launch());
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart a worker JVM: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("this worker pool is closed; start a new one with WorkerPool.start(k)");
    }
}
