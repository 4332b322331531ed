package dev.ripeness.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Driver;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.serde.SchemaHistory;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictRun;
import dev.ripeness.streams.ripeness.DayOutputs;
import dev.ripeness.streams.ripeness.RipenessModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class CodecsTest {

    @Test
    void shouldTellAnEventWrittenWithTheCurrentSchemaFromOneWrittenWithAnEarlierVersion() throws Exception {
        Event event = TestEvents.event("a", "2030-02-01", "SOU", "STRIKE").setTarget("NOR").build();
        List<Schema> versions = SchemaHistory.versions("Event");
        Schema previous = versions.get(versions.size() - 2);
        GenericData.Record old = new GenericData.Record(previous);
        for (Schema.Field f : previous.getFields()) {
            Schema.Field now = Event.getClassSchema().getField(f.name());
            old.put(f.name(), now == null ? null : GenericData.get().deepCopy(now.schema(), event.get(now.pos())));
        }
        ByteBuffer written = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), previous).encode(old);
        byte[] oldBytes = new byte[written.remaining()];
        written.get(oldBytes);

        assertThat(Codecs.currentEventEncoding(Codecs.EVENT.encode(event))).isTrue();
        assertThat(Codecs.currentEventEncoding(oldBytes)).as("written with %s", previous).isFalse();
        assertThat(Codecs.EVENT.decode(oldBytes).getEventId()).isEqualTo("a");
        assertThat(Codecs.currentEventEncoding(new byte[0])).isFalse();

        byte[] current = Codecs.EVENT.encode(event);
        assertThat(Codecs.event(current)).isEqualTo(Codecs.EVENT.decode(current)).isEqualTo(event);
        assertThat(Codecs.event(oldBytes)).isEqualTo(Codecs.EVENT.decode(oldBytes));
        byte[] cut = java.util.Arrays.copyOf(current, current.length / 2);
        Throwable fast = org.assertj.core.api.Assertions.catchThrowable(() -> Codecs.event(cut));
        Throwable serde = org.assertj.core.api.Assertions.catchThrowable(() -> Codecs.EVENT.decode(cut));
        assertThat(fast).as("a truncated event is refused as the serde refuses it").isNotNull()
                .hasSameClassAs(serde).hasMessage(serde.getMessage());
    }

    @Test
    void shouldSendATimelineRecordOnlyWhenTheAssessmentWithoutNotesChanged() {
        var outputs = ConflictRun.of(new RipenessModel(TestEvents.conflict(), ModelConfig.bundled()),
                OrderIndependenceTest.eventSet()).outputs();
        DayOutputs first = outputs.firstEntry().getValue();
        DayOutputs last = outputs.lastEntry().getValue();
        assertThat(last.assessment().getDrivers()).isNotEmpty();
        byte[] lastBytes = Codecs.outputs(last);

        byte[] sent = Codecs.changedTimelineRecord(null, lastBytes);
        assertThat(Codecs.ASSESSMENT.decode(sent)).isEqualTo(PipelineDriver.withoutNotes(last.assessment()));
        assertThat(Codecs.changedTimelineRecord(Codecs.outputs(first), lastBytes)).isEqualTo(sent);
        assertThat(Codecs.changedTimelineRecord(lastBytes, lastBytes)).as("same outputs").isNull();

        RipenessAssessment otherNotes = RipenessAssessment.newBuilder(last.assessment()).build();
        otherNotes.getDrivers().forEach(d -> d.setNote("another note"));
        byte[] notesChanged = Codecs.outputs(new DayOutputs(otherNotes, last.actors(), last.gaps(), last.fronts()));
        assertThat(Codecs.changedTimelineRecord(notesChanged, lastBytes)).as("only the notes differ").isNull();

        RipenessAssessment otherDriver = RipenessAssessment.newBuilder(last.assessment()).build();
        List<Driver> drivers = new ArrayList<>(otherDriver.getDrivers());
        drivers.remove(0);
        otherDriver.setDrivers(drivers);
        byte[] driverGone = Codecs.outputs(new DayOutputs(otherDriver, last.actors(), last.gaps(), last.fronts()));
        assertThat(Codecs.changedTimelineRecord(driverGone, lastBytes)).as("a driver less before").isEqualTo(sent);
        assertThat(Codecs.changedTimelineRecord(driverGone, lastBytes, last.assessment())).as("given the assessment")
                .isEqualTo(sent);
        assertThat(Codecs.changedTimelineRecord(lastBytes, lastBytes, last.assessment())).isNull();
    }

    /**
     * The fold writes the stored outputs and the timeline record from the objects it has just
     * made, without the AvroSerde round trips: the bytes must be those of the definitions kept
     * for consumers (each record's single-object encoding; the timeline record = the stored
     * assessment decoded, its notes cleared, encoded again), and the assessment is left as it was.
     * Many actors, and a few real actor codes, so that the order Avro's reader gives the actors
     * map differs from the model's.
     */
    @Test
    void shouldWriteTheSameBytesAsTheRecordsRoundTrippedThroughAvroSerde() {
        var outputs = ConflictRun.of(new RipenessModel(TestEvents.conflict(), ModelConfig.bundled()),
                OrderIndependenceTest.eventSet()).outputs();
        for (DayOutputs o : outputs.values()) {
            RipenessAssessment many = RipenessAssessment.newBuilder(o.assessment()).build();
            java.util.Map<String, dev.ripeness.schema.ActorAssessment> actors = new java.util.TreeMap<>(many.getActors());
            var first = actors.values().iterator().next();
            for (int i = 0; i < 40; i++) {
                actors.put("X" + (i * 7919 % 97), first);
            }
            many.setActors(new java.util.LinkedHashMap<>(actors));
            List<RipenessAssessment> cases = new ArrayList<>(List.of(o.assessment(), many));
            // Small maps of real actor codes: whether their order is a HashMap's of default capacity
            // (Avro's fast reader) or one sized to the entry count (its generic reader) shows here.
            for (List<String> codes : List.of(List.of("RU", "UA"), List.of("ISR", "PSE"), List.of("IND", "PAK"))) {
                java.util.Map<String, dev.ripeness.schema.ActorAssessment> few = new java.util.TreeMap<>();
                codes.forEach(c -> few.put(c, first));
                cases.add(RipenessAssessment.newBuilder(o.assessment()).setActors(new java.util.LinkedHashMap<>(few)).build());
            }
            for (RipenessAssessment a : cases) {
                DayOutputs d = new DayOutputs(a, o.actors(), o.gaps(), o.fronts());
                RipenessAssessment before = RipenessAssessment.newBuilder(a).build();
                List<String> order = new ArrayList<>(a.getActors().keySet());
                byte[] stored = Codecs.outputs(d);
                assertThat(stored).isEqualTo(roundTripDefinition(d));
                RipenessAssessment read = Codecs.ASSESSMENT.decode(Codecs.ASSESSMENT.encode(a));
                read.getDrivers().forEach(x -> x.setNote(null));
                assertThat(Codecs.withoutNotes(a)).isEqualTo(Codecs.ASSESSMENT.encode(read));
                assertThat(Codecs.changedTimelineRecord(null, stored, a)).isEqualTo(Codecs.ASSESSMENT.encode(read));
                assertThat(a).isEqualTo(before);
                assertThat(new ArrayList<>(a.getActors().keySet())).isEqualTo(order);
            }
        }
    }

    /** The stored outputs as first defined: each record encoded by its AvroSerde behind its length, lists behind their sizes. */
    private static byte[] roundTripDefinition(DayOutputs o) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            java.util.function.Consumer<byte[]> record = b -> {
                try {
                    out.writeInt(b.length);
                    out.write(b);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            record.accept(Codecs.ASSESSMENT.encode(o.assessment()));
            out.writeInt(o.actors().size());
            o.actors().forEach(a -> record.accept(Codecs.ACTOR.encode(a)));
            out.writeInt(o.gaps().size());
            o.gaps().forEach(g -> record.accept(Codecs.GAP.encode(g)));
            out.writeInt(o.fronts().size());
            o.fronts().forEach(f -> record.accept(Codecs.FRONT.encode(f)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
