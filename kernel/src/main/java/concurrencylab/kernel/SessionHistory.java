package concurrencylab.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs (and text results) of this kernel session, for the frontend's history requests:
 * tail, range and search with IPython's glob patterns ({@code *} and {@code ?}).
 *
 * <pre>{@code
 * history.record(3, "6 * 7", "42");
 * history.search("6 *", 10, Set.of());   // [HistoryEntry(0, 3, "6 * 7", "42")]
 * }</pre>
 */
final class SessionHistory implements HistoryManager {
    /** Characters of a result kept: its start is what a history listing shows; a large table's text would stay all day. */
    static final int OUTPUT_KEPT = 10_000;

    private record Cell(int number, String input, String output) {}

    /** Appended to in constant time by every cell (a copy-on-write list copied itself each time); read by copy. */
    private final List<Cell> cells = new ArrayList<>();

    void record(int number, String input, String output) {
        String out = output == null ? "" : output.length() <= OUTPUT_KEPT ? output : output.substring(0, OUTPUT_KEPT) + "\u2026";
        synchronized (cells) {
            cells.add(new Cell(number, input, out));
        }
    }

    private List<Cell> cells() {
        synchronized (cells) {
            return List.copyOf(cells);
        }
    }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<Cell> all = filter(cells(), flags);
        return entries(all.subList(Math.max(0, all.size() - Math.max(0, length)), all.size()), flags);
    }

    @Override
    public List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell, Set<ResultFlag> flags) {
        if (sessionOffset != 0) return List.of(); // one session: nothing is kept across restarts
        return entries(filter(cells().stream().filter(c -> c.number() >= startCell && c.number() < endCell).toList(), flags), flags);
    }

    @Override
    public List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        List<Cell> found = filter(cells().stream().filter(c -> p.matcher(c.input()).matches()).toList(), flags);
        int n = length <= 0 ? found.size() : Math.min(length, found.size());
        return entries(found.subList(found.size() - n, found.size()), flags);
    }

    private static List<Cell> filter(List<Cell> list, Set<ResultFlag> flags) {
        if (!flags.contains(ResultFlag.UNIQUE)) return list;
        Set<String> seen = new LinkedHashSet<>();
        List<Cell> unique = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0; i--) { // keep the latest of equal inputs
            if (seen.add(list.get(i).input())) unique.addFirst(list.get(i));
        }
        return unique;
    }

    private static List<HistoryEntry> entries(List<Cell> list, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return list.stream().map(c -> new HistoryEntry(0, c.number(), c.input(), withOutput ? c.output() : null)).toList();
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return re.toString();
    }
}
