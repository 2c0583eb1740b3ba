package concurrencylab.kernel.magic;

import concurrencylab.kernel.threads.ThreadCensus;

import java.util.List;

/**
 * {@code %threads} and {@code %threads --all}: a table of the threads the notebook's cells started
 * (platform and virtual, not the kernel's own), or of every thread of the JVM: name, kind, state,
 * what each waits for and who holds it, the locks it holds, CPU time, the cell that started it and
 * its innermost frames in cell code ({@link concurrencylab.kernel.threads.ThreadTable}).
 */
final class ThreadsMagic implements Magic {

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%threads [--all]", "the threads cells started (--all: every thread): state, locks, CPU, cell lines"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws Exception {
        boolean all = switch (String.join(" ", magic.args())) {
            case "" -> false;
            case "--all" -> true;
            default -> throw magic.malformed("%threads takes no argument or --all, not '" + magic.rest() + "'");
        };
        ThreadCensus census = context.threads();
        return census.table(all ? census.allThreads() : census.notebookThreads(), all);
    }
}
