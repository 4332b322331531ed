package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.streams.ripeness.SnapshotCodec;
import dev.ripeness.streams.stalemate.Battlefield;
import dev.ripeness.streams.stalemate.FrontTally;
import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PassTalliesTest {

    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);

    /** Tallies that tell their date apart: offensives = days since 2000-01-01. */
    private static byte[] tallies(LocalDate date) {
        Battlefield b = new Battlefield();
        FrontTally t = new FrontTally();
        t.offensives = (int) (date.toEpochDay() - FIRST.toEpochDay());
        b.tallies.put("all|RU", t);
        return SnapshotCodec.encodeTallies(b);
    }

    private static Integer day(Battlefield b) {
        return b == null ? null : b.tallies.get("all|RU").offensives;
    }

    @Test
    void shouldAnswerEveryWindowStartOfALongPassWhileHoldingOnlyTheDatesLaterWindowsCanStartOn() {
        passOver(1, 5); // event dates 1-5 days apart
        passOver(1, 1); // an event every day
    }

    private static void passOver(int minGap, int maxGap) {
        int keepDays = 180;
        Battlefield before = new Battlefield(); // the store's, before the pass
        before.tallies.put("all|RU", new FrontTally());
        before.tallies.get("all|RU").offensives = -1;
        PassTallies pass = new PassTallies(FIRST.toString(), keepDays, date -> before);
        TreeMap<String, Integer> all = new TreeMap<>(); // every folded date, never dropped
        SplittableRandom random = new SplittableRandom(3);
        LocalDate date = FIRST;
        for (int i = 0; i < 3_000; i++) { // 3,000 event dates: 8 to 25 years
            for (int w : new int[] {30, 90, 180}) { // what the fold of `date` asks, before folding it
                LocalDate asked = date.minusDays(w);
                Map.Entry<String, Integer> expected = asked.isBefore(FIRST) ? null : all.floorEntry(asked.toString());
                assertThat(day(pass.atOrBefore(asked))).as("tallies at or before %s", asked)
                        .isEqualTo(expected == null ? -1 : expected.getValue());
            }
            pass.folded(date.toString(), tallies(date));
            all.put(date.toString(), (int) (date.toEpochDay() - FIRST.toEpochDay()));
            // Held: the date the longest window of a later date can land on, and every date after it.
            String landing = all.floorKey(date.minusDays(keepDays).toString());
            assertThat(pass.held()).as("dates held after %s", date)
                    .isEqualTo(landing == null ? all.size() : all.tailMap(landing, true).size());
            date = date.plusDays(minGap + random.nextInt(maxGap - minGap + 1));
        }
    }
}
