package concurrencylab.kernel.magic;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code %timeit [-n LOOPS] [-r RUNS] CODE} and {@code %%timeit [-n LOOPS] [-r RUNS]}: the code compiled
 * once as a method that times its own loop, called after a warm-up call, {@code RUNS} times (7 unless
 * given) of {@code LOOPS} calls each (as IPython: 1, 10, 100 ... until a run takes 0.2 s, unless given);
 * prints the median and spread per call ({@link Timing#timeitLine}).
 */
final class TimeitMagic implements Magic {
    private static final int DEFAULT_RUNS = 7;
    private static final long RUN_LONG_ENOUGH_NANOS = 200_000_000L;
    private static final int MAX_LOOPS = 1_000_000;

    private final AtomicInteger methods = new AtomicInteger();

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%timeit [-n N] [-r R] CODE", "repeats after a warm-up: median and spread per call"),
                new Usage("%%timeit [-n N] [-r R]", "time the whole cell repeatedly"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws Exception {
        // The options come before the code on the line.
        List<String> all = magic.args();
        int i = 0;
        StringBuilder options = new StringBuilder();
        while (i + 1 < all.size() && isOption(all.get(i))) {
            options.append(all.get(i)).append(' ').append(all.get(i + 1)).append(' ');
            i += 2;
        }
        String rest = magic.rest();
        String code = rest.substring(Math.min(rest.length(), options.length())).strip();
        return timeit(magic, MagicLine.split(options.toString(), magic.raw()), code, false, context);
    }

    @Override
    public Object cell(MagicLine magic, String body, MagicContext context) throws Exception {
        return timeit(magic, magic.args(), body, true, context);
    }

    private static boolean isOption(String word) {
        return word.equals("-n") || word.equals("-r");
    }

    private Object timeit(MagicLine magic, List<String> options, String code, boolean cell, MagicContext context) throws Exception {
        int loops = 0;
        int runs = DEFAULT_RUNS;
        for (int i = 0; i < options.size(); i++) {
            String w = options.get(i);
            if (isOption(w) && i + 1 < options.size()) {
                int v = positive(magic, w, options.get(++i));
                if (w.equals("-n")) loops = v; else runs = v;
            } else {
                throw magic.malformed("unknown option '" + w + "' (use -n LOOPS, -r RUNS)");
            }
        }
        if (code.isBlank()) throw magic.malformed("%timeit needs code to time, for example %timeit Math.sqrt(2.0)");
        // Compile once as a method that times its own loop: evaluating the text each time would time javac.
        String fn = "$timeit" + methods.incrementAndGet();
        String body = !cell && context.isExpression(code)
                ? Blackhole.class.getName() + ".sink = (" + code + ");"
                : "{\n" + code + (code.strip().endsWith(";") || code.strip().endsWith("}") ? "" : ";") + "\n}";
        context.evalInCell("long " + fn + "(int loops) throws Throwable {\n"
                + "  long $start = System.nanoTime();\n"
                + "  for (int $loop = 0; $loop < loops; $loop++) " + body + "\n"
                + "  return System.nanoTime() - $start;\n}");
        long warmup = (long) context.evalInCell(fn + "(1)");
        if (loops == 0) {
            loops = 1;
            long took = warmup;
            while (took < RUN_LONG_ENOUGH_NANOS && loops < MAX_LOOPS) {
                loops *= 10;
                took = (long) context.evalInCell(fn + "(" + loops + ")");
            }
        }
        long[] times = new long[runs];
        for (int r = 0; r < runs; r++) {
            times[r] = (long) context.evalInCell(fn + "(" + loops + ")");
        }
        System.out.println(Timing.timeitLine(times, loops, 1));
        return NO_VALUE;
    }

    private static int positive(MagicLine magic, String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) return v;
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw magic.malformed(option + " takes a whole number of at least 1, got '" + value + "'");
    }
}
