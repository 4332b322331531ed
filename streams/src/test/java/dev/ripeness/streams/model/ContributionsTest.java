package dev.ripeness.streams.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContributionsTest {

    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

    @Test
    void shouldDropExpiredKeepNewestPerComponentAndOrderByEffect() {
        List<Contribution> kept = List.of(
                new Contribution("e1", "2023-01-01", "hurt:RU", 0.9, "n"), // older than 365 days
                new Contribution("e2", "2024-06-01", "hurt:RU", 0.1, "n"),
                new Contribution("e3", "2024-06-02", "hurt:RU", -0.3, "n"),
                new Contribution("e4", "2024-05-01", "hurt:RU", 0.5, "n"), // fourth newest: over the cap
                new Contribution("e5", "2024-06-03", "hurt:UA", 0.2, "n"));
        List<Contribution> added = List.of(new Contribution("e6", "2024-06-30", "hurt:RU", 0.05, "n"));

        List<Contribution> merged = Contributions.merge(kept, added, AS_OF, 365, 3);

        assertThat(merged).extracting(Contribution::eventId).containsExactly("e3", "e5", "e2", "e6");
    }

    /**
     * {@code merge(kept, [])} may return {@code kept} unchanged (the fold's common case); the
     * general path treats both lists alike, so {@code merge([], kept)} is its answer.
     */
    @Test
    void shouldMergeNothingIntoAListAsTheGeneralPathDoes() {
        SplittableRandom random = new SplittableRandom(7);
        int unchanged = 0;
        for (int round = 0; round < 5_000; round++) {
            List<Contribution> list = new ArrayList<>();
            int size = random.nextInt(6);
            for (int i = 0; i < size; i++) {
                list.add(new Contribution("e" + random.nextInt(4), AS_OF.minusDays(random.nextInt(400)).toString(),
                        random.nextInt(3) == 0 ? "momentum:f:UA" : "momentum:f:RU",
                        (random.nextInt(5) - 2) / 4.0, null, null));
            }
            if (random.nextBoolean()) {
                list.sort(Contributions.ORDER); // most lists the fold passes are already in order
            }

            List<Contribution> general = Contributions.merge(List.of(), list, AS_OF, 365, 3);
            List<Contribution> merged = Contributions.merge(list, List.of(), AS_OF, 365, 3);

            assertThat(merged).isEqualTo(general);
            if (list.size() >= 2 && general.equals(list)) {
                unchanged++;
            }
        }
        assertThat(unchanged).as("lists of two or more that the merge leaves as they are").isGreaterThan(300);
    }

    /** Entries equal under {@link Contributions#ORDER} (same effect size, date, event, component) keep their order. */
    @Test
    void shouldKeepTheOrderOfEntriesThatTieAsTheGeneralPathDoes() {
        Contribution up = new Contribution("e1", "2024-06-01", "momentum:f:RU", 0.25, null, null);
        Contribution down = new Contribution("e1", "2024-06-01", "momentum:f:RU", -0.25, null, null);
        for (List<Contribution> list : List.of(List.of(up, down), List.of(down, up))) {
            assertThat(Contributions.merge(list, List.of(), AS_OF, 365, 3))
                    .isEqualTo(Contributions.merge(List.of(), list, AS_OF, 365, 3))
                    .isEqualTo(list);
        }
    }
}
