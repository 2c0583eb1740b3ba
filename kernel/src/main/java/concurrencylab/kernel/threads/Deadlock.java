package concurrencylab.kernel.threads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A cycle of threads that wait for each other: thread {@code i} waits for a lock that thread
 * {@code i + 1} holds, and the last for one the first holds. None of them can go on.
 *
 * <pre>{@code
 * for (Deadlock d : WaitForGraph.cycles(rows)) System.out.println(d.ids());
 * }</pre>
 *
 * @param threads the threads of the cycle, starting with the one of lowest id
 */
public record Deadlock(List<ThreadRow> threads) {

    public Deadlock {
        threads = List.copyOf(threads);
    }

    /** The cycle starting at its thread of lowest id, so that one cycle found twice compares equal by {@link #ids()}. */
    static Deadlock of(List<ThreadRow> cycle) {
        List<ThreadRow> list = new ArrayList<>(cycle);
        int first = list.indexOf(Collections.min(list, Comparator.comparingLong(ThreadRow::id)));
        Collections.rotate(list, -first);
        return new Deadlock(list);
    }

    /** The ids of its threads: the same deadlock seen again has the same ids. */
    public Set<Long> ids() {
        return threads.stream().map(ThreadRow::id).collect(Collectors.toSet());
    }

    /** The thread holding what thread {@code i} waits for. */
    public ThreadRow holderOf(int i) {
        return threads.get((i + 1) % threads.size());
    }

    /** True when one of its threads is virtual. */
    public boolean hasVirtual() {
        return threads.stream().anyMatch(ThreadRow::virtual);
    }
}
