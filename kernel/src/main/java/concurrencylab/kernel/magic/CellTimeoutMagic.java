package concurrencylab.kernel.magic;

import java.util.List;

/** {@code %cell_timeout SECONDS|off}: cells running longer are stopped as by an interrupt ({@link TimeLimits}). */
final class CellTimeoutMagic implements Magic {

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%cell_timeout SECONDS|off", "stop cells that run longer"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) {
        if (magic.args().size() != 1) throw magic.malformed("%cell_timeout takes one value, seconds or off");
        try {
            return Magic.print(context.setCellTimeLimit(TimeLimits.parse(magic.args().getFirst())));
        } catch (IllegalArgumentException e) {
            throw magic.malformed(e.getMessage());
        }
    }
}
