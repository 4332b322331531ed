package dev.ripeness.producers.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.Location;
import dev.ripeness.schema.Position;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static Event full() {
        return Event.newBuilder()
                .setEventId("t-1").setDate("2022-03-29").setConflict("testwar").setActor("UA").setTarget("RU")
                .setType("POSITION_OFFERED").setFront("south").setAreaKm2(-12.5).setCasualties(40L).setIntensity(0.25)
                .setPositions(List.of(new Position("alignment", null, "B", null), new Position("territory", "A", "B", null)))
                .setSources(List.of("Paper §3, table 1", "https://example.org/a,b \"quoted\""))
                .setConfidence(0.8).setDescription("Offer, with a comma and\na line break")
                .setCorrects("t-0").setUpstreamId("UP1").setKnownSince("2022-03-30T10:00:00Z")
                .setLocation(new Location(48.68925, -35.2, "Katerynivka, Kharkiv", "NEAR"))
                .build();
    }

    @Test
    void shouldRoundTripEveryFieldWhenWrittenAsJsonAndReadBack() throws Exception {
        Event e = full();
        String json = EventJson.toJson(e);
        assertThat(EventJson.parse(json)).isEqualTo(e);
        assertThat(json).startsWith("{\"eventId\":\"t-1\",\"date\":\"2022-03-29\",\"conflict\":\"testwar\"");
    }

    @Test
    void shouldRoundTripCsvToJsonAndBackWhenEveryColumnIsUsed() throws Exception {
        // Given an event written as CSV with the canonical header
        Event e = full();
        EventCsv csv = EventCsv.canonical();
        String file = csv.header() + "\n" + csv.format(e) + "\n";
        // When it is read back with the streaming reader and re-encoded as JSON and CSV
        CsvReader reader = CsvReader.csv(new StringReader(file));
        EventCsv codec = EventCsv.forHeader(reader.next().fields());
        CsvReader.Row row = reader.next();
        Event back = codec.parse(row.fields());
        // Then nothing is lost either way
        assertThat(back).isEqualTo(e);
        assertThat(EventJson.parse(EventJson.toJson(back))).isEqualTo(e);
        assertThat(codec.format(EventJson.parse(EventJson.toJson(back)))).isEqualTo(csv.format(e));
        assertThat(row.line()).isEqualTo(2);
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void shouldWriteTheLocationAsAnObjectInJsonAndAsFourColumnsInCsv() throws Exception {
        assertThat(EventJson.toJson(full())).endsWith(",\"location\":{\"latitude\":48.68925,\"longitude\":-35.2,"
                + "\"place\":\"Katerynivka, Kharkiv\",\"precision\":\"NEAR\"}}");
        assertThat(EventCsv.canonical().header()).endsWith(",knownSince,location.latitude,location.longitude,location.place,location.precision");
        // Left out when the event is not placed
        Event unplaced = Event.newBuilder(full()).setLocation(null).build();
        assertThat(EventJson.toJson(unplaced)).doesNotContain("location");
        assertThat(EventCsv.canonical().format(unplaced)).endsWith(",,,,");
    }

    @Test
    void shouldRejectAHalfGivenLocationNamingTheMissingCoordinate() {
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"location\":{\"latitude\":48.1}}")))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("field `location.longitude`: is required in a location");
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"location\":{\"lat\":48.1,\"longitude\":3}}")))
                .hasMessageStartingWith("field `location.lat`: unknown field; a location has latitude, longitude, place, precision");
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"location\":{\"latitude\":\"48.1\",\"longitude\":3}}")))
                .hasMessageStartingWith("field `location.latitude`: `\"48.1\"` must be a JSON number");
        EventCsv codec = EventCsv.forHeader(List.of("eventId", "date", "conflict", "actor", "type", "sources", "confidence",
                "location.latitude", "location.longitude"));
        assertThatThrownBy(() -> codec.parse(List.of("x", "2022-04-15", "testwar", "RU", "STRIKE", "a", "0.7", "48.1", "")))
                .hasMessageStartingWith("field `location.longitude`: is required when any location.* cell is filled");
    }

    @Test
    void shouldReadPositionsAndSourcesWhenCsvUsesTheirShortForms() throws Exception {
        EventCsv codec = EventCsv.forHeader(List.of("eventId", "date", "conflict", "actor", "type", "positions", "sources", "confidence"));
        Event e = codec.parse(List.of("x", "2022-04-15", "testwar", "RU", "PROPOSAL", "alignment:D:;territory::B", "a; b", "0.7"));
        assertThat(e.getPositions()).containsExactly(new Position("alignment", "D", null, null), new Position("territory", null, "B", null));
        assertThat(e.getSources()).containsExactly("a", "b");
    }

    @Test
    void shouldRejectUnknownFieldWhenJsonHasOne() {
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"actors\":\"RU\"}")))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("field `actors`: unknown field");
    }

    @Test
    void shouldRejectPipelineFieldsWhenOfferedFromOutside() {
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"recordedAt\":5}")))
                .hasMessageStartingWith("field `recordedAt`: unknown field");
    }

    @Test
    void shouldNameTheFieldWhenJsonTypeIsWrong() {
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("\"confidence\":0.5", "\"confidence\":\"high\"")))
                .hasMessage("field `confidence`: `\"high\"` must be a JSON number");
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"casualties\":1.5}")))
                .hasMessage("field `casualties`: `1.5` must be a whole number");
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("}", ",\"positions\":[{\"dimension\":\"territory\",\"rung\":\"A\"}]}")))
                .hasMessageStartingWith("field `positions[0].rung`: unknown field");
    }

    @Test
    void shouldReportMissingRequiredFieldWhenAbsent() {
        assertThatThrownBy(() -> EventJson.parse(minimal().replace("\"actor\":\"RU\",", "")))
                .hasMessage("field `actor`: is required");
    }

    @Test
    void shouldReportNotJsonWhenSyntaxIsBroken() {
        assertThatThrownBy(() -> EventJson.parse("{\"eventId\": "))
                .hasMessageStartingWith("not valid JSON");
    }

    @Test
    void shouldRejectUnknownCsvColumnWhenHeaderHasOne() {
        assertThatThrownBy(() -> EventCsv.forHeader(List.of("eventId", "date", "conflict", "actor", "type", "sources", "confidence", "colour")))
                .hasMessageStartingWith("header: unknown column `colour`");
    }

    @Test
    void shouldKeepStartLineAndRawTextWhenQuotedCellSpansLines() {
        CsvReader reader = CsvReader.csv(new StringReader("a,b\n\"x\ny\",2\n\n3,4\r\n"));
        reader.next();
        CsvReader.Row multi = reader.next();
        CsvReader.Row last = reader.next();
        assertThat(multi.fields()).containsExactly("x\ny", "2");
        assertThat(multi.line()).isEqualTo(2);
        assertThat(multi.raw()).isEqualTo("\"x\ny\",2");
        assertThat(last.line()).isEqualTo(5);
        assertThat(last.fields()).containsExactly("3", "4");
    }

    static String minimal() {
        return "{\"eventId\":\"m-1\",\"date\":\"2022-02-24\",\"conflict\":\"testwar\",\"actor\":\"RU\","
                + "\"type\":\"OFFENSIVE_LAUNCHED\",\"sources\":[\"test\"],\"confidence\":0.5}";
    }
}
