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
    void shouldAnswerEveryWindowStartOfALongPassWhileHoldingAboutOneWindowOfDates() {
        int keepDays = 180;
        Battlefield before = new Battlefield(); // the store's, before the pass
        before.tallies.put("all|RU", new FrontTally());
        before.tallies.get("all|RU").offensives = -1;
        PassTallies pass = new PassTallies(FIRST.toString(), keepDays, date -> before);
        TreeMap<String, Integer> all = new TreeMap<>(); // every folded date, never dropped
        SplittableRandom random = new SplittableRandom(3);
        LocalDate date = FIRST;
        int maxHeld = 0;
        for (int i = 0; i < 3_000; i++) { // about 25 years of event dates, 1-5 days apart
            for (int w : new int[] {30, 90, 180}) { // what the fold of `date` asks, before folding it
                LocalDate asked = date.minusDays(w);
                Map.Entry<String, Integer> expected = asked.isBefore(FIRST) ? null : all.floorEntry(asked.toString());
                assertThat(day(pass.atOrBefore(asked))).as("tallies at or before %s", asked)
                        .isEqualTo(expected == null ? -1 : expected.getValue());
            }
            pass.folded(date.toString(), tallies(date));
            all.put(date.toString(), (int) (date.toEpochDay() - FIRST.toEpochDay()));
            maxHeld = Math.max(maxHeld, pass.held());
            date = date.plusDays(1 + random.nextInt(5));
        }
        assertThat(maxHeld).as("dates held at once").isLessThanOrEqualTo(keepDays + 1);
        assertThat(all).hasSize(3_000);
    }
}
