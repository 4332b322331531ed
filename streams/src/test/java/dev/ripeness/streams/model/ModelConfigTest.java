package dev.ripeness.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @Test
    void shouldLoadBundledModelWithVersionWhenNoFileIsGiven() {
        ModelConfig model = ModelConfig.bundled();

        assertThat(model.version()).isEqualTo("ripeness-model-2");
        assertThat(model.fronts().windowsDays()).containsExactly(30, 90, 180);
        assertThat(model.lookupWindows()).containsExactly(30, 90, 180);
    }

    @Test
    void shouldReplaceParametersWhenUserModelFileIsLoaded(@TempDir Path dir) throws Exception {
        String text = new String(getClass().getClassLoader().getResourceAsStream(ModelConfig.DEFAULT_RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8)
                .replace("\"ripeness-model-2\"", "\"my-model-7\"")
                .replace("\"ratchetWindowDays\": 90", "\"ratchetWindowDays\": 30");
        Path file = dir.resolve("m.json");
        Files.writeString(file, text);

        ModelConfig model = ModelConfig.load(file);

        assertThat(model.version()).isEqualTo("my-model-7");
        assertThat(model.demand().ratchetWindowDays()).isEqualTo(30);
    }

    @Test
    void shouldNameMissingParameterWhenModelFileIsIncomplete() {
        String text = "{\"version\": \"x\"}";

        assertThatThrownBy(() -> ModelConfig.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "bad.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("description");
    }

    @Test
    void shouldRejectOutOfRangeThresholdWhenValidating() throws Exception {
        String text = new String(getClass().getClassLoader().getResourceAsStream(ModelConfig.DEFAULT_RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8).replace("\"tacticalWeight\": 0.75", "\"tacticalWeight\": 1.6");

        assertThatThrownBy(() -> ModelConfig.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.json"))
                .hasMessageContaining("perception.tacticalWeight");
    }

    @Test
    void shouldNameAMissingHurtTermWhenModelFileLacksIt() throws Exception {
        String text = new String(getClass().getClassLoader().getResourceAsStream(ModelConfig.DEFAULT_RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8).replace("\"atrocities\": {\"weight\": 0.3, \"scale\": 1.0}", "\"atrocity\": {\"weight\": 0.3, \"scale\": 1.0}");

        assertThatThrownBy(() -> ModelConfig.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.json"))
                .hasMessageContaining("hurt.terms.atrocities` is missing")
                .hasMessageContaining("hurt.terms.atrocity` is not a hurt term");
    }
}
