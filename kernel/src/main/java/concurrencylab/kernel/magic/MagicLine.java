package concurrencylab.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * A magic as typed: {@code %name args} or {@code %%name args}, with the raw text and what follows the
 * name, as one string and split into words ({@code "quoted words"} stay one).
 *
 * <pre>{@code
 * MagicLine line = MagicLine.parse("%jars \"my libs/a.jar\" b.jar");
 * line.name();   // "jars"
 * line.args();   // [my libs/a.jar, b.jar]
 * }</pre>
 */
public record MagicLine(String name, List<String> args, String raw, String rest) {

    /** True when {@code line} is a line magic (starts with {@code %} followed by a name). */
    public static boolean isMagic(String line) {
        String t = line.stripLeading();
        return t.startsWith("%") && t.length() > 1 && (Character.isLetter(t.charAt(1)) || t.charAt(1) == '%');
    }

    /** True when {@code line} starts a cell magic ({@code %%name}). */
    public static boolean isCellMagic(String line) {
        String t = line.stripLeading();
        return t.startsWith("%%") && t.length() > 2 && Character.isLetter(t.charAt(2));
    }

    /** Parses {@code %name arg "quoted arg"} (or {@code %%name ...}). */
    public static MagicLine parse(String line) {
        String t = line.strip();
        String body = t.startsWith("%%") ? t.substring(2) : t.substring(1);
        String name = body.split("\\s+", 2)[0];
        if (name.isEmpty()) throw new MagicException("malformed magic '" + t + "': no name after %");
        String rest = body.substring(name.length()).strip();
        return new MagicLine(name, split(rest, t), t, rest);
    }

    /** The one-line error for this magic typed wrongly: {@code malformed magic '%maven x': why}. */
    public MagicException malformed(String why) {
        return new MagicException("malformed magic '" + raw + "': " + why);
    }

    /** Splits {@code args} into words; {@code raw} names the magic in the error for an unclosed quote. */
    static List<String> split(String args, String raw) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!cur.isEmpty()) words.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new MagicException("malformed magic '" + raw + "': unclosed quote");
        if (!cur.isEmpty()) words.add(cur.toString());
        return words;
    }
}
