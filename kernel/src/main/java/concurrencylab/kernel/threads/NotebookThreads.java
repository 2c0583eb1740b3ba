package concurrencylab.kernel.threads;

import java.util.Map;

/**
 * Which threads are the notebook's: what the kernel's engine knows of the threads cells started
 * ({@code exec.CellThreads} implements it). A platform thread belongs to the thread group of the cell
 * that started it; a virtual thread belongs to the JDK's one group for them, so the engine tells its
 * cell by its id: ids grow with every thread created, and it notes the first id of each cell's code.
 *
 * <pre>{@code
 * notebook.platformThreads().forEach((thread, cell) -> System.out.println(thread.getName() + " from cell [" + cell + "]"));
 * notebook.cellAt(virtualThreadId);   // the cell that was running when it started, -1 before the first
 * }</pre>
 */
public interface NotebookThreads {

    /** The live platform threads of the cells' thread groups, each with the execution count of its cell. */
    Map<Thread, Integer> platformThreads();

    /** True for a thread that runs a cell's code itself (the kernel starts one per snippet). */
    boolean runsCell(Thread thread);

    /**
     * The execution count of the cell that was running when the thread with id {@code threadId} was
     * created, or -1 if it was created before the first cell ran (then it is the kernel's).
     */
    int cellAt(long threadId);

    /** The cells' variables, by name, to name locks after (a lock in {@code lockA} is shown as {@code lockA}). */
    Map<String, Object> variables();
}
