package dev.ripeness.streams.ripeness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.producers.event.EventJson;
import dev.ripeness.producers.generate.EventGenerator;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Snapshot format 3 keeps what an event's note is rendered from instead of its text, and still
 * reads format 2. The fixture {@code snapshots/format-2.txt} was written by the format-2 codec
 * (the release before format 3): the snapshot of generated conflict 1 (600 events, seed 5) on
 * the date before its last, that last date's events, and the records that release published
 * from the decoded snapshot (as of its date and three days later, and the fold of the last date
 * onto it), Avro single-object bytes.
 */
class SnapshotFormatTest {

    private final RipenessModel model = new RipenessModel(EventGenerator.conflict(1), ModelConfig.bundled());

    @Test
    void shouldPublishFromAFormat2SnapshotTheRecordsItsReleasePublished() throws Exception {
        Fixture f = Fixture.load();
        assertThat(f.snapshot[0]).isEqualTo((byte) 2);

        ConflictSnapshot v2 = SnapshotCodec.decode(f.snapshot);

        assertThat(publish(v2, f.events)).isEqualTo(f.records);
        // Written again it is format 3, its stored notes kept as text: it still publishes the same.
        byte[] v3 = SnapshotCodec.encode(v2);
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(publish(SnapshotCodec.decode(v3), f.events)).isEqualTo(f.records);
        assertThat(SnapshotCodec.encode(SnapshotCodec.decode(v3))).isEqualTo(v3);
        // The tallies' layout did not change: still written as format 2, so stored rows stay as they are.
        byte[] tallies = SnapshotCodec.encodeTallies(v2.battlefield);
        assertThat(tallies[0]).isEqualTo((byte) 2);
        assertThat(SnapshotCodec.encodeTallies(SnapshotCodec.decodeTallies(tallies))).isEqualTo(tallies);
    }

    @Test
    void shouldRenderAtPublishTheNotesFormat2Stored() throws Exception {
        Fixture f = Fixture.load();
        ConflictSnapshot folded = foldGeneratedHistory(LocalDate.parse(SnapshotCodec.decode(f.snapshot).date));
        byte[] v3 = SnapshotCodec.encode(folded);

        ConflictSnapshot back = SnapshotCodec.decode(v3);

        // The same history folded today: event notes kept as their causes, the bytes far fewer, the records the same.
        assertThat(back.ledgers.values().stream().flatMap(l -> l.drivers.stream()))
                .isNotEmpty().allSatisfy(c -> assertThat(c.note()).isNull());
        assertThat(back.ledgers.values().stream().flatMap(l -> l.drivers.stream()).map(Contribution::cause))
                .doesNotContainNull();
        assertThat(v3.length).isLessThan(f.snapshot.length * 2 / 3);
        assertThat(publish(back, f.events)).isEqualTo(f.records);
        assertThat(SnapshotCodec.encode(back)).isEqualTo(v3);
    }

    /** The fixture's records, in its order: as of the snapshot's date, three days later, the fold of the next date. */
    private List<String> publish(ConflictSnapshot s, List<Event> next) {
        LocalDate date = LocalDate.parse(s.date);
        List<Object> records = new ArrayList<>();
        records.add(model.at(s, date));
        records.add(model.at(s, date.plusDays(3)));
        DayOutputs out = model.day(s, LocalDate.parse(next.get(0).getDate()), next, d -> s.battlefield).outputs();
        records.add(out.assessment());
        records.addAll(out.actors());
        records.addAll(out.gaps());
        records.addAll(out.fronts());
        List<String> encoded = new ArrayList<>();
        for (Object r : records) {
            encoded.add(Base64.getEncoder().encodeToString(bytes(r)));
        }
        return encoded;
    }

    private static byte[] bytes(Object record) {
        try {
            ByteBuffer b = (ByteBuffer) record.getClass().getMethod("toByteBuffer").invoke(record);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Conflict 1 of the generator (600 events, seed 5) folded up to {@code until}, as the fixture's was. */
    private ConflictSnapshot foldGeneratedHistory(LocalDate until) throws Exception {
        StringWriter out = new StringWriter();
        new EventGenerator(new EventGenerator.Settings(600, 1, 5, 0, 0, 0)).write(out);
        TreeMap<LocalDate, List<Event>> byDate = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Event e = EventJson.parse(line);
            byDate.computeIfAbsent(LocalDate.parse(e.getDate()), d -> new ArrayList<>()).add(e);
        }
        ConflictSnapshot s = null;
        for (Map.Entry<LocalDate, List<Event>> day : byDate.headMap(until, true).entrySet()) {
            ConflictSnapshot prev = s;
            s = model.day(prev, day.getKey(), day.getValue(), d -> prev == null ? null : prev.battlefield).snapshot();
        }
        return s;
    }

    private record Fixture(byte[] snapshot, List<Event> events, List<String> records) {
        static Fixture load() throws Exception {
            String text;
            try (InputStream in = SnapshotFormatTest.class.getResourceAsStream("/snapshots/format-2.txt")) {
                if (in == null) {
                    throw new IOException("snapshots/format-2.txt missing");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            byte[] snapshot = null;
            List<Event> events = new ArrayList<>();
            List<String> records = new ArrayList<>();
            for (String line : text.split("\n")) {
                String value = line.substring(line.indexOf(' ') + 1);
                if (line.startsWith("snapshot ")) {
                    snapshot = Base64.getDecoder().decode(value);
                } else if (line.startsWith("event ")) {
                    events.add(EventJson.parse(value));
                } else if (line.startsWith("record ")) {
                    records.add(value);
                }
            }
            return new Fixture(snapshot, events, records);
        }
    }
}
