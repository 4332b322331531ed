package dev.ripeness.producers.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.event.EventValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundledHistoryTest {

    @Test
    void shouldParseAndValidateWithZeroRejectionsWhenBundledHistoryIsRead() {
        ConflictCatalog catalog = ConflictCatalog.bundled();
        EventValidator validator = new EventValidator(catalog);
        assertThat(BundledHistory.conflicts(catalog)).contains("russia-ukraine");
        for (String conflict : BundledHistory.conflicts(catalog)) {
            List<String> problems = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            int n = 0;
            for (var it = BundledHistory.offers(conflict); it.hasNext(); ) {
                Offer o = it.next();
                n++;
                if (o.problem() != null) {
                    problems.add(o.where() + ": " + o.problem().describe());
                } else {
                    validator.check(o.event()).ifPresent(v -> problems.add(o.where() + ": " + v.describe()));
                    if (!ids.add(o.event().getEventId())) {
                        problems.add(o.where() + ": duplicate eventId " + o.event().getEventId());
                    }
                    assertThat(o.event().getConflict()).isEqualTo(conflict);
                }
            }
            assertThat(problems).as(conflict).isEmpty();
            assertThat(n).as(conflict + " events").isGreaterThan(100);
        }
    }
}
