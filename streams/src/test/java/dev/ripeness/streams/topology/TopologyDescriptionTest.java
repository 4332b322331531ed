package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is a contract: node, store and topic names decide changelog names and
 * what a restarted instance finds. A change here must be deliberate (update the golden file
 * and say in docs/streams.md how existing state migrates).
 */
class TopologyDescriptionTest {

    @Test
    void shouldKeepTheGoldenTopologyWhenBuildingThePipeline() throws IOException {
        String actual = RipenessPipeline.topology(TestEvents.catalog(), ModelConfig.bundled()).describe().toString();

        String golden;
        try (InputStream in = getClass().getResourceAsStream("/topology/pipeline-topology.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual.strip()).isEqualTo(golden.strip());
    }
}
