package dev.ripeness.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void shouldRenderUnionsAsPlainValuesAndKeepFieldNames() {
        Event event = Event.newBuilder()
                .setEventId("e1").setDate("2022-04-15").setConflict("c").setActor("A").setType("PROPOSAL")
                .setAreaKm2(-12.5)
                .setPositions(List.of(new Position("alignment", "C2", null, null)))
                .setSources(List.of("paper")).setConfidence(0.9).build();

        var json = AvroJson.toTree(event);

        assertThat(json.get("eventId").asText()).isEqualTo("e1");
        assertThat(json.get("areaKm2").asDouble()).isEqualTo(-12.5);
        assertThat(json.get("target").isNull()).isTrue();
        assertThat(json.get("positions").get(0).get("demand").asText()).isEqualTo("C2");
        assertThat(json.get("positions").get(0).get("accept").isNull()).isTrue();
    }
}
