package dev.ripeness.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.event.EventValidator;
import dev.ripeness.schema.Event;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorTest {

    private static String generate(EventGenerator.Settings s) {
        StringWriter out = new StringWriter();
        new EventGenerator(s).write(out);
        return out.toString();
    }

    @Test
    void shouldWriteTheSameBytesWhenSeedIsTheSame() {
        EventGenerator.Settings s = new EventGenerator.Settings(5_000, 7, 42, 0.1, 0.05, 0.02);
        assertThat(generate(s)).isEqualTo(generate(s));
        assertThat(generate(new EventGenerator.Settings(5_000, 7, 43, 0.1, 0.05, 0.02))).isNotEqualTo(generate(s));
    }

    @Test
    void shouldPutAboutTheRequestedEventsOnEachConflictDayWhenSpanFollowsADensity() throws EventFormatException {
        // Given 30 000 events over 3 conflicts at about 100 events per conflict-day
        int span = EventGenerator.Settings.spanFor(30_000, 3, 100);
        String lines = generate(new EventGenerator.Settings(30_000, 3, 5, 0, 0, 0, span));

        // When the events are counted per conflict and date
        java.util.Map<String, Integer> perDay = new java.util.HashMap<>();
        for (String line : lines.lines().toList()) {
            Event e = EventJson.parse(line);
            perDay.merge(e.getConflict() + "|" + e.getDate(), 1, Integer::sum);
        }

        // Then the dates span 100 days and a conflict-day holds about 100 events
        assertThat(span).isEqualTo(100);
        double mean = perDay.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).isBetween(90.0, 110.0);
        assertThat(generate(new EventGenerator.Settings(30_000, 3, 5, 0, 0, 0))).as("the default span is the longest")
                .isEqualTo(generate(new EventGenerator.Settings(30_000, 3, 5, 0, 0, 0, EventGenerator.SPAN_DAYS)));
    }

    @Test
    void shouldHitRequestedSharesAndValidateAgainstWrittenConflictsWhenFedBack(@TempDir Path dir) {
        // Given 20 000 lines with 10 % late, 5 % duplicate and 2 % malformed, and the conflict files the generator writes
        EventGenerator.Settings s = new EventGenerator.Settings(20_000, 5, 7, 0.10, 0.05, 0.02);
        EventGenerator generator = new EventGenerator(s);
        generator.writeConflicts(dir);
        StringWriter out = new StringWriter();
        EventGenerator.Counts counts = generator.write(out);
        EventValidator validator = new EventValidator(ConflictCatalog.of(
                ConflictCatalog.load(dir).all().stream().filter(c -> c.id().startsWith("synth-")).toList()));

        // When every line is read back and validated like a feed would
        long rejected = 0, duplicates = 0, late = 0;
        Set<String> seen = new HashSet<>();
        String maxDate = "";
        List<String> lines = out.toString().lines().toList();
        for (String line : lines) {
            try {
                Event e = EventJson.parse(line);
                if (validator.check(e).isPresent()) {
                    rejected++;
                } else if (!seen.add(e.getEventId())) {
                    duplicates++;
                } else {
                    if (e.getDate().compareTo(maxDate) < 0) {
                        late++;
                    }
                    maxDate = e.getDate().compareTo(maxDate) > 0 ? e.getDate() : maxDate;
                }
            } catch (EventFormatException ex) {
                rejected++;
            }
        }
        // Then the shares are as asked (within sampling noise) and match the generator's own counts
        assertThat(lines).hasSize(20_000);
        assertThat(counts.total()).isEqualTo(20_000);
        assertThat(rejected).isEqualTo(counts.malformed()).isBetween(300L, 500L);
        assertThat(duplicates).isEqualTo(counts.duplicates()).isBetween(800L, 1_200L);
        assertThat(late).isBetween(1_600L, 2_400L);
        assertThat((long) seen.size()).isEqualTo(counts.valid() + counts.late());
    }
}
