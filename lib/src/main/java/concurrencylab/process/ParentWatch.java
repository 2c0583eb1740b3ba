package concurrencylab.process;

/**
 * In a child JVM: ends it when its parent dies, however it dies. When a process dies the operating
 * system gives its children a new parent (init or a subreaper) at once, even while the dead parent
 * is a zombie that {@link ProcessHandle#onExit()} still takes for alive; so the watch polls for a
 * change of parent.
 */
final class ParentWatch {
    private ParentWatch() {}

    static void start() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread.ofPlatform().daemon(true).name("parent-watch").start(() -> {
            while (true) {
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (now != parent) ProcessMain.parentDied();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
