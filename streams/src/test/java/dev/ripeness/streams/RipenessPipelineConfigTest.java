package dev.ripeness.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.streams.topology.PipelineTopology;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RipenessPipelineConfigTest {

    private static final String PRODUCER_BACKOFF = StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG);

    private static Properties config(Map<String, Object> overrides) {
        return RipenessPipeline.config("localhost:9092", "app", Path.of("state"), overrides);
    }

    @Test
    void shouldRetryConcurrentTransactionsSoonAndPollNoLongerThanTheFoldInterval() {
        // Given no overrides
        Properties p = config(Map.of());

        // Then the producers retry after 10 ms and the thread polls at most one fold interval
        assertThat(p.get(PRODUCER_BACKOFF)).isEqualTo(10);
        assertThat(p.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(PipelineTopology.DEFAULT_FOLD_INTERVAL_MS);
    }

    @Test
    void shouldLeaveTheUsersSettingsInEffect() {
        // Given a user's plain retry.backoff.ms (which a prefixed default would silently beat) and a fold interval
        Properties p = config(Map.of(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 250, PipelineTopology.FOLD_INTERVAL_CONFIG, "40"));

        // Then no prefixed default hides the backoff, and poll follows the user's fold interval
        assertThat(p).doesNotContainKey(PRODUCER_BACKOFF);
        assertThat(p.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)).isEqualTo(250);
        assertThat(p.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(40L);
        // And an explicit poll.ms wins
        assertThat(config(Map.of(StreamsConfig.POLL_MS_CONFIG, 5)).get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(5);
    }

    @Test
    void shouldRefuseAGuaranteeUnderWhichACrashLosesARefold() {
        // Given a user's at-least-once; Then the error names the setting and the fix
        assertThatThrownBy(() -> config(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processing.guarantee=at_least_once").hasMessageContaining("remove the setting");
        // And exactly_once_v2 given explicitly is accepted
        assertThat(config(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2))
                .get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }
}
