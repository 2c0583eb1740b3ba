package concurrencylab.cluster;

import concurrencylab.Check;
import concurrencylab.internal.PrivateDir;
import concurrencylab.process.JvmProcess;
import concurrencylab.spi.NotebookClassPath;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An Apache Spark standalone cluster on this machine: a master and {@code workers} workers, each its
 * own JVM bound to 127.0.0.1, started from the Spark jars a cell loaded with {@code %maven}. A Spark
 * job in the notebook runs on it by changing only the master URL ({@code local[2]} becomes
 * {@link #masterUrl()}); the kernel makes classes typed in cells available to the executors.
 *
 * <pre>{@code
 * %maven org.apache.spark:spark-core_2.13:4.2.0
 * try (var cluster = SparkCluster.start(2)) {              // master + 2 workers of 1 core; waits until registered
 *     var sc = new JavaSparkContext(new SparkConf().setAppName("lab").setMaster(cluster.masterUrl()));
 *     sc.parallelize(List.of(1, 2, 3), 3).map(x -> x * x).collect();   // [1, 4, 9], on the executors
 *     sc.close();
 * }                                                        // every JVM it started is gone
 * }</pre>
 *
 * <p>No orphans: {@link #close()} stops the workers' executors, the workers and the master; so does the
 * kernel's exit, and the kernel's death by SIGKILL (each JVM watches its parent, and a worker stops its
 * executors as it exits). An interrupt while {@code start} waits stops what it started.
 */
public final class SparkCluster implements AutoCloseable {
    /** Spark's default master port. */
    public static final int DEFAULT_MASTER_PORT = 7077;
    private static final String ADVICE = "run %maven org.apache.spark:spark-core_2.13:4.2.0 in a cell first";

    private final String masterUrl;
    private final String webUi;
    private final Duration startup;
    private final List<JvmProcess> jvms;
    private final List<SparkLog> logs;
    private final Path home;

    private SparkCluster(String masterUrl, String webUi, Duration startup, List<JvmProcess> jvms, List<SparkLog> logs, Path home) {
        this.masterUrl = masterUrl;
        this.webUi = webUi;
        this.startup = startup;
        this.jvms = jvms;
        this.logs = logs;
        this.home = home;
    }

    /** Starts a master on port 7077 and {@code workers} workers of one core each; waits at most 2 minutes. */
    public static SparkCluster start(int workers) throws IOException, InterruptedException {
        return start(workers, 1, DEFAULT_MASTER_PORT, Duration.ofMinutes(2));
    }

    /**
     * Starts a master on {@code masterPort} and {@code workers} workers of {@code coresPerWorker} cores,
     * and returns once every worker has registered with the master.
     *
     * @throws IllegalArgumentException when a count is below 1
     * @throws IllegalStateException    when Spark is not on the class path, the port is in use, or the
     *                                  workers do not register within {@code timeout} (all stopped then)
     */
    public static SparkCluster start(int workers, int coresPerWorker, int masterPort, Duration timeout)
            throws IOException, InterruptedException {
        Check.atLeast("workers", workers, 1);
        Check.atLeast("coresPerWorker", coresPerWorker, 1);
        Check.atLeast("masterPort", masterPort, 1);
        Check.notNegative("timeout", timeout);
        if (masterPort > 65535) throw new IllegalArgumentException("masterPort must be at most 65535, got " + masterPort);
        List<Path> jars = sparkJars();
        String scala = scalaVersion(jars);
        requireFree(masterPort);

        long t0 = System.nanoTime();
        Path home = newHome(jars);
        Map<String, String> env = Map.of(
                "SPARK_HOME", home.toString(),          // a worker finds the executors' class path in $SPARK_HOME/jars
                "SPARK_SCALA_VERSION", scala,
                "SPARK_LOCAL_IP", "127.0.0.1",          // web UIs bind here, not to every interface
                "JAVA_HOME", System.getProperty("java.home"));
        List<String> jvmOptions = List.of("-Xmx512m", "-Dspark.master.rest.enabled=false");
        String url = "spark://127.0.0.1:" + masterPort;
        int uiPort = freePort();
        List<JvmProcess> started = new ArrayList<>();
        var watched = new ArrayList<SparkLog>();
        try {
            var master = new SparkLog("spark-master", "I have been elected leader");
            watched.add(master);
            started.add(JvmProcess.start("org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(uiPort)),
                    jvmOptions, env, master::line));
            long deadline = System.nanoTime() + timeout.toNanos();
            master.await(started.get(0), deadline, "the Spark master did not start on " + url);
            for (int i = 1; i <= workers; i++) {
                var worker = new SparkLog("spark-worker-" + i, "Successfully registered with master");
                watched.add(worker);
                Path workDir = Files.createDirectories(home.resolve("work-" + i));
                started.add(JvmProcess.start("org.apache.spark.deploy.worker.Worker",
                        List.of(url, "--host", "127.0.0.1", "--cores", String.valueOf(coresPerWorker), "--memory", "1g",
                                "--webui-port", String.valueOf(freePort()), "--work-dir", workDir.toString()),
                        jvmOptions, env, worker::line));
            }
            for (int i = 0; i < workers; i++) {
                watched.get(i + 1).await(started.get(i + 1), deadline,
                        "Spark worker " + (i + 1) + " did not register with " + url + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException | RuntimeException | IOException e) {
            stopAll(started);
            PrivateDir.delete(home);
            throw e;
        }
        return new SparkCluster(url, "http://127.0.0.1:" + uiPort, Duration.ofNanos(System.nanoTime() - t0), List.copyOf(started),
                List.copyOf(watched), home);
    }

    /** The URL a {@code SparkConf} takes: {@code spark://127.0.0.1:7077}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The master's web UI, listing workers and applications. */
    public String webUi() {
        return webUi;
    }

    /** From the call to {@code start} until every worker had registered. */
    public Duration startup() {
        return startup;
    }

    /** Process ids of the master, the workers and the executors they run now. */
    public List<Long> pids() {
        var pids = new LinkedHashSet<Long>();
        for (JvmProcess jvm : jvms) {
            if (!jvm.isAlive()) continue;
            pids.add(jvm.pid());
            ProcessHandle.of(jvm.pid()).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        }
        return List.copyOf(pids);
    }

    /** Stops the executors, the workers and the master, and waits until they are gone. */
    @Override
    public void close() {
        logs.forEach(SparkLog::quiet); // the master's complaints about executors going away are expected now
        stopAll(jvms);
        PrivateDir.delete(home);
    }

    @Override
    public String toString() {
        return "Spark cluster at " + masterUrl + " (" + (jvms.size() - 1) + " workers, web UI " + webUi + ")";
    }

    /** The jars of the notebook's class path (the kernel adds those of {@code %maven}); Spark's among them. */
    private static List<Path> sparkJars() {
        String classPath = NotebookClassPath.get();
        List<Path> jars = Stream.of(classPath.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).map(Path::of).filter(Files::isRegularFile).toList();
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_"))) {
            throw new IllegalStateException("Spark is not on the class path: " + ADVICE);
        }
        return jars;
    }

    /** {@code 2.13} from {@code spark-core_2.13-4.2.0.jar}: workers need it to find the jars. */
    private static String scalaVersion(List<Path> jars) {
        String core = jars.stream().map(j -> j.getFileName().toString()).filter(n -> n.startsWith("spark-core_")).findFirst().orElseThrow();
        return core.substring("spark-core_".length(), core.indexOf('-', "spark-core_".length()));
    }

    private static void requireFree(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use (another Spark master?): close that cluster,"
                    + " or pass another port to SparkCluster.start");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check port " + port + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A SPARK_HOME in the library's owner-only directory: jars/ links to the notebook's jars; workers keep their work there. */
    private static Path newHome(List<Path> jars) throws IOException {
        Path home = PrivateDir.newDirectory("spark-home");
        Path jarDir = Files.createDirectory(home.resolve("jars"));
        for (Path jar : jars) {
            Path link = jarDir.resolve(jar.getFileName());
            if (!Files.exists(link)) Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
        return home;
    }

    /** Workers (with their executors) first, then the master; waits until each has exited. */
    private static void stopAll(List<JvmProcess> jvms) {
        for (int i = jvms.size() - 1; i >= 0; i--) jvms.get(i).destroyForcibly();
        for (JvmProcess jvm : jvms) {
            try {
                jvm.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // killed with SIGKILL: it is going
            }
        }
    }
}
