package dev.ripeness.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.serde.AvroSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/topics.md is what users read; it must say what the code declares. */
class TopicsDocTest {

    @Test
    void shouldListEveryTopicWithItsKeyValueAndRetentionInDocs() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "topics.md")).stream()
                .filter(l -> l.startsWith("| `")).toList();

        assertThat(rows).hasSameSizeAs(Topics.all());
        for (Topic<?, ?> topic : Topics.all()) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + topic.name() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/topics.md lacks a row for " + topic.name()));
            String[] cells = row.split("(?<!\\\\)\\|");
            assertThat(cells[2].strip().replace("\\|", "|")).as("key of %s", topic.name()).isEqualTo(topic.keyFormat());
            assertThat(cells[3].strip()).as("value of %s", topic.name())
                    .isEqualTo("`" + ((AvroSerde<?>) topic.valueSerde()).type().getSimpleName() + "`");
            assertThat(cells[4].strip()).as("retention of %s", topic.name())
                    .isEqualTo(topic.kind() == Topic.Kind.LOG ? "append-only, kept forever" : "compacted");
        }
    }

    @Test
    void shouldKeepLogTopicsForeverAndCompactStateTopics() {
        assertThat(Topics.EVENTS.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        assertThat(Topics.ASSESSMENTS.configs()).containsEntry("cleanup.policy", "compact");
    }
}
