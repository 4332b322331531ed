package dev.ripeness.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.schema.serde.SchemaHistory;
import dev.ripeness.topics.Topics;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's guard on the Avro contract: every published version of every record is kept
 * in {@code schemas/history/}, and data written with any of them still reads with the
 * current classes.
 */
class SchemaEvolutionTest {

    static Stream<AvroSerde<?>> serdes() {
        return Topics.all().stream()
                .map(topic -> ((AvroSerde<?>) topic.valueSerde()).type())
                .distinct()
                .map(AvroSerde::of);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("serdes")
    void currentSchemaShouldBeThePublishedLatestVersion(AvroSerde<?> serde) {
        String name = serde.type().getSimpleName();
        List<Schema> versions = SchemaHistory.versions(name);
        assertThat(versions).as("schemas/history/%s/v1.avsc must exist", name).isNotEmpty();
        Schema latest = versions.get(versions.size() - 1);
        assertThat(SchemaNormalization.toParsingForm(current(serde)))
                .as("%s changed: keep the old version and add schemas/history/%s/v%d.avsc with the new one",
                        name, name, versions.size() + 1)
                .isEqualTo(SchemaNormalization.toParsingForm(latest));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("serdes")
    void currentReaderShouldReadEveryPublishedVersion(AvroSerde<?> serde) {
        String name = serde.type().getSimpleName();
        for (Schema writer : SchemaHistory.versions(name)) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current(serde), writer);
            assertThat(result.getType())
                    .as("%s: current schema cannot read a published version: %s", name, result.getDescription())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("serdes")
    void shouldDecodeRecordsWrittenWithThePreviousVersion(AvroSerde<?> serde) throws Exception {
        String name = serde.type().getSimpleName();
        List<Schema> versions = SchemaHistory.versions(name);
        Schema previous = versions.size() > 1 ? versions.get(versions.size() - 2) : versions.get(0);
        BinaryMessageEncoder<Object> oldWriter = new BinaryMessageEncoder<>(GenericData.get(), previous);
        Iterator<Object> data = new RandomData(previous, 20, 42L).iterator();
        while (data.hasNext()) {
            Object written = data.next();
            ByteBuffer bytes = oldWriter.encode(written);
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            SpecificRecord read = serde.decode(array);
            assertThat(read).isNotNull();
            // Every field the old writer had comes back with the same value.
            for (Schema.Field field : previous.getFields()) {
                Schema.Field now = read.getSchema().getField(field.name());
                if (now != null && isScalar(field.schema())) {
                    assertThat(String.valueOf(read.get(now.pos())))
                            .as("%s.%s", name, field.name())
                            .isEqualTo(String.valueOf(((GenericData.Record) written).get(field.name())));
                }
            }
        }
    }

    private static boolean isScalar(Schema s) {
        return switch (s.getType()) {
            case STRING, INT, LONG, DOUBLE, BOOLEAN -> true;
            default -> false;
        };
    }

    private static Schema current(AvroSerde<?> serde) {
        return org.apache.avro.specific.SpecificData.get().getSchema(serde.type());
    }
}
