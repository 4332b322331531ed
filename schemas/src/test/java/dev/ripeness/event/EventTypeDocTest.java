package dev.ripeness.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/events.md §3 is what users read; it must list exactly the types the code declares, with their meaning. */
class EventTypeDocTest {

    @Test
    void shouldDocumentEveryEventTypeWithItsMeaningInDocs() throws Exception {
        String text = Files.readString(Path.of("..", "docs", "events.md"));
        String table = text.substring(text.indexOf("## 3. Event types"), text.indexOf("## 4."));
        List<String> rows = table.lines().filter(l -> l.startsWith("| `")).toList();

        assertThat(rows).hasSameSizeAs(EventType.values());
        for (EventType t : EventType.values()) {
            assertThat(rows).as("docs/events.md §3 row of %s", t)
                    .anyMatch(r -> r.startsWith("| `" + t.name() + "` | " + t.meaning()));
        }
    }

    @Test
    void shouldParseOnlyNamesOfTheVocabulary() {
        assertThat(EventType.parse("ARMED_CLASH")).contains(EventType.ARMED_CLASH);
        assertThat(EventType.parse("armed_clash")).isEmpty();
        assertThat(EventType.parse(null)).isEmpty();
        assertThat(EventType.known("BATTLE")).isFalse();
    }
}
