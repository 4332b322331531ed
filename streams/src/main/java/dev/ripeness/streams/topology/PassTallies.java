package dev.ripeness.streams.topology;

import dev.ripeness.streams.ripeness.SnapshotCodec;
import dev.ripeness.streams.ripeness.SnapshotLookup;
import dev.ripeness.streams.stalemate.Battlefield;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The window look-ups of one re-fold. From its first date on, the tallies store holds exactly
 * the dates this pass has folded so far (emptied dates are removed before the fold passes them,
 * later ones are not asked for), so those are answered from the bytes just written, each decoded
 * once; look-ups before the first date read the store. A long catch-up fold then asks the store
 * (a RocksDB iterator, and a copy of the record cache's keys of the range) for the first months
 * of windows only, not three times per date.
 *
 * <p>Dates are folded in order and each asks at most {@code keepDays} back (the model's longest
 * front window), so a date older than that is never read again, except the one such a look-up
 * lands on. Those are dropped as the pass goes: a re-fold of decades holds about
 * {@code keepDays} of tallies on the heap, not one per date of the pass. A look-up further back
 * would still be answered right, by the store: the fold writes a date's tallies there before
 * handing them here.
 */
final class PassTallies implements SnapshotLookup {

    private final String firstDate;
    private final int keepDays;
    private final Function<LocalDate, Battlefield> stored;
    /** Date → its tallies' bytes, replaced by the decoded tallies when first asked for. */
    private final TreeMap<String, Object> folded = new TreeMap<>();

    /**
     * @param firstDate the first date the pass folds
     * @param keepDays  how far back a folded date asks (the longest window)
     * @param stored    the stored tallies at the latest date on or before a date (for dates before {@code firstDate})
     */
    PassTallies(String firstDate, int keepDays, Function<LocalDate, Battlefield> stored) {
        this.firstDate = firstDate;
        this.keepDays = keepDays;
        this.stored = stored;
    }

    /** The tallies at the end of {@code date}, just folded (dates come in increasing order). */
    void folded(String date, byte[] tallies) {
        assert folded.isEmpty() || date.compareTo(folded.lastKey()) > 0 : date + " folded after " + folded.lastKey();
        folded.put(date, tallies);
        String oldestAsked = LocalDate.parse(date).minusDays(keepDays).toString();
        String landing = folded.floorKey(oldestAsked);
        if (landing != null) {
            folded.headMap(landing, false).clear();
        }
    }

    /** Dates held (for tests). */
    int held() {
        return folded.size();
    }

    @Override
    public Battlefield atOrBefore(LocalDate date) {
        String d = date.toString();
        Map.Entry<String, Object> e = d.compareTo(firstDate) < 0 ? null : folded.floorEntry(d);
        if (e == null) {
            return stored.apply(date); // before the pass, or further back than any window: the store has it
        }
        if (e.getValue() instanceof Battlefield b) {
            return b;
        }
        Battlefield b = SnapshotCodec.decodeTallies((byte[]) e.getValue());
        folded.put(e.getKey(), b);
        return b;
    }
}
