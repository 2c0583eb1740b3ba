package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class WaitForGraphTest {
    static final LockRef A = new LockRef("java.lang.Object", 0xa), B = new LockRef("java.lang.Object", 0xb), C = new LockRef("java.lang.Object", 0xc);

    /** Thread {@code id} holds {@code holds} and waits for {@code waits}, held by {@code holder}. */
    static ThreadRow row(long id, LockRef holds, LockRef waits, long holder) {
        return new ThreadRow(id, "t" + id, false, Thread.State.BLOCKED, waits == null ? null : new Waiting(Waiting.Kind.MONITOR, waits),
                holder, holder < 0 ? null : "t" + holder, holds == null ? List.of() : List.of(new ThreadRow.Held(holds, 0)), 0,
                List.of(new StackTraceElement("REPL.$JShell$3", "lambda$do_it$$0", "#3", 4)), 3, false);
    }

    @Test
    void findsEachCycleOnceStartingAtItsLowestId() {
        var rows = List.of(row(7, B, C, 9), row(5, A, B, 7), row(9, C, A, 5), // a cycle of three
                row(20, null, A, 5),                                        // waits for a deadlocked thread: not in the cycle
                row(30, null, null, -1));
        var cycles = WaitForGraph.cycles(rows);
        assertEquals(1, cycles.size());
        assertEquals(List.of(5L, 7L, 9L), cycles.getFirst().threads().stream().map(ThreadRow::id).toList());
        assertEquals(Set.of(5L, 7L, 9L), cycles.getFirst().ids());
        assertEquals(7, cycles.getFirst().holderOf(0).id());
        assertEquals(5, cycles.getFirst().holderOf(2).id());
    }

    @Test
    void aChainIsNoCycleNorIsAnEventWait() {
        assertEquals(List.of(), WaitForGraph.cycles(List.of(row(1, A, B, 2), row(2, B, C, 3), row(3, C, null, -1))));
        var waitsForEvent = new ThreadRow(1, "t1", false, Thread.State.WAITING, new Waiting(Waiting.Kind.EVENT, B), 2, "t2",
                List.of(new ThreadRow.Held(A, 0)), 0, List.of(), 3, false);
        assertEquals(List.of(), WaitForGraph.cycles(List.of(waitsForEvent, row(2, B, A, 1))), "only a held lock makes an edge");
    }

    @Test
    void resolvesTheHolderOfAMonitorFromWhatTheOtherThreadsHold() {
        var virtualWaiter = new ThreadRow(1, "v", true, Thread.State.BLOCKED, new Waiting(Waiting.Kind.MONITOR, A), -1, null,
                List.of(new ThreadRow.Held(B, 0)), -1, List.of(), 2, false);
        var holder = row(2, A, B, -1);
        var resolved = ThreadCensus.resolveHolders(List.of(virtualWaiter, holder));
        assertEquals(2, resolved.get(0).holderId());
        assertEquals(1, resolved.get(1).holderId(), "and back: a cycle");
        assertEquals(1, WaitForGraph.cycles(resolved).size());
    }
}
