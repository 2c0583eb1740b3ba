package concurrencylab.kernel.magic;

import java.util.List;

/**
 * One magic, in one class as JJava writes them: a line magic ({@code %name ...}) and, where it has one,
 * the cell magic of the same name ({@code %%name ...} as a cell's first line, over the rest of the cell).
 *
 * <pre>{@code
 * final class Hello implements Magic {
 *     public List<Usage> usage() { return List.of(new Usage("%hello", "prints hello")); }
 *     public Object line(MagicLine magic, MagicContext context) { return Magic.print("hello"); }
 * }
 * }</pre>
 */
public interface Magic {

    /** Returned by magics (and {@link MagicContext#evalInCell}) that have no value to show. */
    Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "no value";
        }
    };

    /** How {@code %lsmagic} lists a form of a magic: {@code %time CODE}, then what it does. */
    record Usage(String form, String does) {}

    /** Its forms, as {@code %lsmagic} lists them; a cell magic's form starts with {@code %%}. */
    List<Usage> usage();

    /** The names it answers to, those of its forms: {@code %jars} answers to {@code %classpath} too. */
    default List<String> names() {
        return usage().stream().map(u -> u.form().split(" ", 2)[0].replaceFirst("^%%?", "")).distinct().toList();
    }

    /** Runs it as a line magic; returns the value to show, or {@link #NO_VALUE}. */
    Object line(MagicLine magic, MagicContext context) throws Exception;

    /** Runs it as a cell magic over {@code body}; a magic that is only a line magic says so. */
    default Object cell(MagicLine magic, String body, MagicContext context) throws Exception {
        throw new MagicException("unknown cell magic %%" + magic.name() + " in '" + magic.raw() + "'; %lsmagic lists the magics");
    }

    /** Prints {@code text} (if any) into the cell, for magics whose result is a message. */
    static Object print(String text) {
        if (!text.isEmpty()) System.out.println(text);
        return NO_VALUE;
    }
}
