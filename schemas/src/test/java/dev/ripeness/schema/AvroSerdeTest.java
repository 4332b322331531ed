package dev.ripeness.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.schema.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<Event> serde = AvroSerde.of(Event.class);

    @Test
    void shouldRoundTripAnEventWithSingleObjectHeader() {
        Event event = Event.newBuilder()
                .setEventId("e1").setDate("2022-04-15").setConflict("c").setActor("A").setType("PROPOSAL")
                .setPositions(List.of(new Position("alignment", "C2", null, null)))
                .setSources(List.of("paper")).setConfidence(0.9).build();

        byte[] bytes = serde.encode(event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.decode(bytes)).isEqualTo(event);
    }

    @Test
    void shouldRejectBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> serde.decode(new byte[] {0, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a Event");
    }

    @Test
    void shouldKeepTombstonesNull() {
        assertThat(serde.encode(null)).isNull();
        assertThat(serde.decode(null)).isNull();
    }
}
