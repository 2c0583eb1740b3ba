package concurrencylab.kernel.magic;

import java.util.List;

/**
 * {@code %time CODE} and {@code %%time}: runs the code (or the rest of the cell) once and prints its wall
 * time, the CPU time of all JVM threads and child processes, and the cores that kept busy
 * ({@link Timing#timeLine}). JShell's compiling is not counted; when it took long it is named apart.
 */
final class TimeMagic implements Magic {
    /** Compiling that took longer than this is worth a word after the timing. */
    private static final long COMPILE_WORTH_NAMING_NANOS = 50_000_000;

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%time CODE", "wall time, CPU of all JVM threads, cores busy"),
                new Usage("%%time", "time the whole cell"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws Exception {
        return time(magic, magic.rest(), context);
    }

    @Override
    public Object cell(MagicLine magic, String body, MagicContext context) throws Exception {
        return time(magic, body, context);
    }

    private static Object time(MagicLine magic, String code, MagicContext context) throws Exception {
        if (code.isBlank()) throw magic.malformed("%time needs code to time, for example %time Thread.sleep(100)");
        try (var counting = context.countingCpu()) {
            long[] before = context.executionClock();
            long t0 = System.nanoTime();
            try {
                return context.evalInCell(code);
            } finally {
                long[] after = context.executionClock();
                long wall = after[0] - before[0];
                long compile = System.nanoTime() - t0 - wall;
                System.out.println(Timing.timeLine(wall, after[1] - before[1], after[2] - before[2])
                        + (compile > COMPILE_WORTH_NAMING_NANOS ? String.format(" (compiling took %s more)", Timing.format(compile)) : ""));
            }
        }
    }
}
