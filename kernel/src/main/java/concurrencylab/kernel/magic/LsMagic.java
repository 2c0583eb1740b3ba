package concurrencylab.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/** {@code %lsmagic}: the list of magics, line magics first, each form with what it does. */
final class LsMagic implements Magic {
    private final Magics magics;

    LsMagic(Magics magics) {
        this.magics = magics;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%lsmagic", "this list"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) {
        List<String> lines = new ArrayList<>(List.of("Line magics:"));
        List<String> cellLines = new ArrayList<>(List.of("Cell magics (first line of a cell):"));
        for (Magic m : magics.all()) {
            for (Usage u : m.usage()) {
                (u.form().startsWith("%%") ? cellLines : lines).add(String.format("  %-26s  %s", u.form(), u.does()));
            }
        }
        lines.addAll(cellLines);
        return Magic.print(String.join("\n", lines));
    }
}
