package concurrencylab.kernel;

import concurrencylab.kernel.channels.FastConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/**
 * The training run for the kernel's AOT cache ({@code ./lab build}): runs the kernel's own code path
 * over cells like the course's (expressions, declarations, errors, a measurement, a chart, a table),
 * so the cache holds the classes, linkage and method profiles a notebook needs from its first cell.
 *
 * <pre>{@code
 * java -XX:AOTCacheOutput=kernel.aot -cp ... concurrencylab.kernel.Training
 * }</pre>
 */
public final class Training {
    private Training() {}

    static final List<String> CELLS = List.of(
            "1 + 1",
            "int x = 20;\nint twice(int v) { return 2 * v; }\ntwice(x) + 2",
            "record Point(int x, int y) {}\nnew Point(1, 2)",
            "String s = \"concurrency\";\ns.toUpperCase()",
            "var list = new ArrayList<Integer>();\nfor (int i = 0; i < 100; i++) list.add(i);\nlist.stream().mapToInt(Integer::intValue).sum()",
            "System.out.println(\"hello\");",
            "undefinedName + 1",
            "Integer.parseInt(\"not a number\")",
            "import concurrencylab.workload.*;\nimport concurrencylab.strategy.*;\nimport concurrencylab.measure.*;\nimport concurrencylab.chart.*;",
            "var work = Workloads.files(4, Duration.ofMillis(1));\nvar pool = Strategies.fixedPool(2);",
            "var results = Measurement.of(work).warmups(0).repeats(1).progress(p -> {}).run(Strategies.sequential(), pool, Strategies.virtualThreads());",
            "results.table()",
            "Charts.wallTimes(results)",
            "Charts.timeline(results.of(pool))",
            "try (var ex = Executors.newFixedThreadPool(2)) { ex.submit(() -> 1).get(); }",
            "work.close();");

    public static void main(String[] args) throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports[i] = s.getLocalPort();
            }
        }
        var props = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], "tcp",
                "hmac-sha256", UUID.randomUUID().toString());
        var connection = new FastConnection(props);
        var kernel = new JavaKernel(connection);
        connection.connect();
        int count = 0;
        for (int round = 0; round < 3; round++) {
            for (String cell : CELLS) {
                try {
                    Object value = kernel.executeCell(cell, ++count);
                    if (value != null && value != NO_VALUE) kernel.render(value);
                } catch (CellError expected) {
                    // the error cells are part of the training
                }
            }
        }
        System.out.println("trained on " + count + " cells");
        System.exit(0);
    }

    private static final Object NO_VALUE = concurrencylab.kernel.magic.Magics.NO_VALUE;
}
