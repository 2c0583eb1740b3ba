package concurrencylab.kernel.threads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threads as the JDK's deadlock detection sees them: each thread that waits for a lock points to the
 * thread holding it; a cycle of such waits is a deadlock, for none of its threads can go on. A thread
 * waits for one thing at a time and a lock has one holder, so every thread has at most one way out,
 * and following it from each thread finds every cycle.
 *
 * <pre>{@code
 * List<Deadlock> found = WaitForGraph.cycles(census.notebookThreads());
 * }</pre>
 */
public final class WaitForGraph {
    private WaitForGraph() {}

    /** The cycles among {@code rows}, each once, starting with its thread of lowest id. */
    public static List<Deadlock> cycles(List<ThreadRow> rows) {
        Map<Long, ThreadRow> byId = new HashMap<>();
        for (ThreadRow r : rows) byId.put(r.id(), r);
        List<Deadlock> found = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        for (ThreadRow start : rows) {
            List<ThreadRow> path = new ArrayList<>();
            Map<Long, Integer> onPath = new HashMap<>();
            ThreadRow t = start;
            while (t != null && !done.contains(t.id()) && !onPath.containsKey(t.id())) {
                onPath.put(t.id(), path.size());
                path.add(t);
                t = t.waitsForHolder() ? byId.get(t.holderId()) : null;
            }
            if (t != null && onPath.containsKey(t.id())) found.add(Deadlock.of(path.subList(onPath.get(t.id()), path.size())));
            for (ThreadRow p : path) done.add(p.id());
        }
        return found;
    }
}
