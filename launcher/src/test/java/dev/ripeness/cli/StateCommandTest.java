package dev.ripeness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.json.AvroJson;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.DayResult;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code ripeness state} against a real broker whose state topics hold what the pipeline
 * publishes for two Russia–Ukraine events (computed by the plain model, then produced).
 */
@Tag("integration")
@ExtendWith(TestKafka.class)
class StateCommandTest {

    @BeforeAll
    static void publishState() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
        // What the pipeline publishes for two dated events, computed by the plain model
        RipenessModel model = new RipenessModel(ConflictCatalog.bundled().find("russia-ukraine").orElseThrow(),
                ModelConfig.bundled());
        DayResult first = model.day(null, LocalDate.parse("2022-03-29"),
                List.of(event("e1", "2022-03-29", "NEGOTIATION_ROUND", List.of())), d -> null);
        DayResult second = model.day(first.snapshot(), LocalDate.parse("2022-04-15"), List.of(event("e2", "2022-04-15",
                "PROPOSAL", List.of(Position.newBuilder().setDimension("alignment").setDemand("al-neutral-russian-veto")
                        .setAccept(null).build()))), d -> d.isBefore(LocalDate.parse("2022-04-15")) ? first.snapshot().battlefield : null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (DayResult day : List.of(first, second)) {
                RipenessAssessment a = day.outputs().assessment();
                producer.send(new ProducerRecord<>(Topics.ASSESSMENT_TIMELINE.name(), "russia-ukraine|" + a.getAsOf(),
                        Topics.ASSESSMENT_TIMELINE.valueSerde().serializer().serialize("", a)));
                producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), "russia-ukraine",
                        Topics.ASSESSMENTS.valueSerde().serializer().serialize("", a)));
            }
            // And in the event log, two events recorded a day apart long ago (other tests' events are recorded now)
            for (Event e : List.of(
                    recorded(event(KNOWN_FIRST, "2022-03-29", "NEGOTIATION_ROUND", List.of()), "2000-01-01T00:00:00Z"),
                    recorded(event(KNOWN_SECOND, "2022-04-15", "PROPOSAL", List.of(Position.newBuilder().setDimension("alignment")
                            .setDemand("al-neutral-russian-veto").setAccept(null).build())), "2000-01-02T12:00:00Z"))) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), e.getConflict(), Topics.EVENTS.valueSerde().serializer().serialize("", e)));
            }
        }
    }

    private static final String KNOWN_FIRST = "state-known-at-1";
    private static final String KNOWN_SECOND = "state-known-at-2";

    private static Event recorded(Event e, String instant) {
        e.setRecordedAt(java.time.Instant.parse(instant).toEpochMilli());
        return e;
    }

    private static Event event(String id, String date, String type, List<Position> positions) {
        return Event.newBuilder().setEventId(id).setDate(date).setConflict("russia-ukraine").setActor("RUS")
                .setTarget("UKR").setType(type).setConfidence(1.0).setSources(List.of("test fixture")).setPositions(positions).build();
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Ripeness.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldPrintLatestAssessmentAsTableWhenNoDateIsGiven() {
        Run r = run("state", "russia-ukraine", "--bootstrap-servers", TestKafka.bootstrapServers());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("russia-ukraine as of 2022-04-15").contains("ripeness").contains("way out")
                .contains("RUS").contains("UKR").contains("top drivers").contains("e2");
    }

    @Test
    void shouldPrintJsonAsOfADateWhenAskedForScripts() throws Exception {
        Run r = run("state", "russia-ukraine", "--as-of", "2022-04-01", "--json",
                "--bootstrap-servers", TestKafka.bootstrapServers());

        assertThat(r.exit()).isZero();
        JsonNode json = AvroJson.MAPPER.readTree(r.out());
        assertThat(json.get("asOf").asText()).isEqualTo("2022-03-29");
        assertThat(json.get("modelVersion").asText()).isEqualTo(ModelConfig.bundled().version());
        assertThat(json.get("components").has("zopa")).isTrue();
        assertThat(json.get("actors").get("RUS").has("perceivedStalemate")).isTrue();
        assertThat(json.get("drivers")).anySatisfy(d -> assertThat(d.get("eventId").asText()).isEqualTo("e1"));
        // every field of the record, as the API answers it: the interval and the last event too
        assertThat(json.has("ripenessLow")).isTrue();
        assertThat(json.has("ripenessHigh")).isTrue();
        assertThat(json.get("lastEventDate").asText()).isEqualTo("2022-03-29");
    }

    @Test
    void shouldExitThreeNamingKnownConflictsWhenNoneMatches() {
        Run r = run("state", "atlantis", "--bootstrap-servers", TestKafka.bootstrapServers());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("no assessment for atlantis").contains("russia-ukraine");
    }

    @Test
    void shouldRejectBadDateWithOneLine() {
        Run r = run("state", "russia-ukraine", "--as-of", "April", "--bootstrap-servers", TestKafka.bootstrapServers());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--as-of: 'April' is not a date; write it as YYYY-MM-DD");
    }

    @Test
    void shouldAnswerFromTheEventsRecordedByThenWhenKnownAtIsGiven() throws Exception {
        // When: on 2000-01-01 only the first event had been recorded; the second came on 2000-01-02 at noon
        Run before = run("state", "russia-ukraine", "--known-at", "2000-01-02T11:59:59Z", "--json",
                "--bootstrap-servers", TestKafka.bootstrapServers());
        Run after = run("state", "russia-ukraine", "--known-at", "2000-01-02", "--bootstrap-servers", TestKafka.bootstrapServers());

        // Then the earlier instant does not know the second event; the day as a whole does
        assertThat(before.exit()).as(before.err()).isZero();
        JsonNode json = AvroJson.MAPPER.readTree(before.out());
        assertThat(json.get("asOf").asText()).isEqualTo("2022-03-29");
        assertThat(json.get("drivers").findValuesAsText("eventId")).contains(KNOWN_FIRST).doesNotContain(KNOWN_SECOND);
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("russia-ukraine as of 2022-04-15").contains("top drivers").contains(KNOWN_SECOND);
    }

    @Test
    void shouldCombineKnownAtWithAsOfAndExitThreeWhenNothingWasRecordedYet() {
        // When
        Run asOf = run("state", "russia-ukraine", "--known-at", "2000-01-03T00:00:00Z", "--as-of", "2022-04-01",
                "--bootstrap-servers", TestKafka.bootstrapServers());
        Run tooEarly = run("state", "russia-ukraine", "--known-at", "1999-12-31T00:00:00Z", "--as-of", "2022-04-01",
                "--bootstrap-servers", TestKafka.bootstrapServers());

        // Then
        assertThat(asOf.exit()).as(asOf.err()).isZero();
        assertThat(asOf.out()).contains("russia-ukraine as of 2022-03-29");
        assertThat(tooEarly.exit()).isEqualTo(3);
        assertThat(tooEarly.err()).contains("no assessment for russia-ukraine from the events recorded up to 1999-12-31T00:00:00Z");
    }

    @Test
    void shouldRejectBadKnownAtWithOneLineNamingTheForms() {
        Run r = run("state", "russia-ukraine", "--known-at", "yesterday", "--bootstrap-servers", TestKafka.bootstrapServers());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--known-at: 'yesterday' is not an ISO-8601 date-time", "2022-04-20T12:00:00Z");
    }
}
