package concurrencylab.kernel.threads;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.management.HotSpotDiagnosticMXBean;
import concurrencylab.internal.PrivateDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's JSON thread dump ({@link HotSpotDiagnosticMXBean#dumpThreads}, JDK 21+), the one view of
 * virtual threads the JDK offers: the management beans see platform threads only. For each thread it
 * gives the state, the frames, the monitor it is blocked on or waits in, the object it parks on and the
 * monitors it holds (with their frames); it does not name the holder of a {@code java.util.concurrent}
 * lock, nor say how much CPU a thread used. The dump goes through a file of the kernel's private
 * directory, removed at once.
 *
 * <pre>{@code
 * for (ThreadDump.Dumped t : ThreadDump.take())
 *     if (t.virtual()) System.out.println(t.name() + " " + t.state());
 * }</pre>
 */
public final class ThreadDump {
    private ThreadDump() {}

    /**
     * One thread of the dump.
     *
     * @param blockedOn   the monitor it waits to enter (BLOCKED), or null
     * @param waitingOn   the monitor it waits in ({@code Object.wait}), or null
     * @param parkBlocker the object it parks on ({@code LockSupport.park}), or null
     * @param monitors    the monitors it holds, with the depth of the frame that took each
     */
    public record Dumped(long id, String name, boolean virtual, Thread.State state, LockRef blockedOn, LockRef waitingOn,
                         LockRef parkBlocker, List<StackTraceElement> stack, List<ThreadRow.Held> monitors) {}

    /** Every thread the JDK dumps now: all platform threads and every virtual thread it tracks (all by default). */
    public static List<Dumped> take() throws IOException {
        Path file = PrivateDir.newPath("threads", ".json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return parse(Files.readString(file));
        } finally {
            PrivateDir.deleteQuietly(file);
        }
    }

    /** The threads of a dump in the JDK's format ({@code threadDump.schema.json}), in the order written. */
    static List<Dumped> parse(String json) {
        List<Dumped> threads = new ArrayList<>();
        JsonObject dump = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("threadDump");
        for (JsonElement container : dump.getAsJsonArray("threadContainers")) {
            JsonArray list = container.getAsJsonObject().getAsJsonArray("threads");
            if (list == null) continue;
            for (JsonElement e : list) threads.add(thread(e.getAsJsonObject()));
        }
        return threads;
    }

    private static Dumped thread(JsonObject t) {
        List<StackTraceElement> stack = new ArrayList<>();
        JsonArray frames = t.getAsJsonArray("stack");
        if (frames != null) for (JsonElement f : frames) stack.add(Frames.parse(f.getAsString()));
        List<ThreadRow.Held> monitors = new ArrayList<>();
        JsonArray owned = t.getAsJsonArray("monitorsOwned");
        if (owned != null) {
            for (JsonElement o : owned) {
                int depth = o.getAsJsonObject().get("depth").getAsInt();
                for (JsonElement lock : o.getAsJsonObject().getAsJsonArray("locks")) {
                    if (!lock.isJsonNull()) monitors.add(new ThreadRow.Held(LockRef.parse(lock.getAsString()), depth)); // null: a lock the JIT eliminated
                }
            }
        }
        JsonObject parked = t.getAsJsonObject("parkBlocker");
        return new Dumped(Long.parseLong(t.get("tid").getAsString()), string(t, "name"),
                t.has("virtual") && t.get("virtual").getAsBoolean(), Thread.State.valueOf(string(t, "state")),
                lock(t.get("blockedOn")), lock(t.get("waitingOn")), parked == null ? null : lock(parked.get("object")), stack, monitors);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static LockRef lock(JsonElement e) {
        return e == null || e.isJsonNull() ? null : LockRef.parse(e.getAsString());
    }
}
