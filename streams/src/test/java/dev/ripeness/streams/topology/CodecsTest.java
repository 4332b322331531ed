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
    }
}
