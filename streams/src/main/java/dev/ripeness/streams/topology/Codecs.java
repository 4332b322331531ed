package dev.ripeness.streams.topology;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Driver;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.streams.ripeness.DayOutputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.SchemaNormalization;

/** Byte layouts of the store values: Avro single-object encoded records, lists of them length-prefixed. */
public final class Codecs {

    public static final AvroSerde<Event> EVENT = AvroSerde.of(Event.class);
    static final AvroSerde<RipenessAssessment> ASSESSMENT = AvroSerde.of(RipenessAssessment.class);
    static final AvroSerde<ActorDemandState> ACTOR = AvroSerde.of(ActorDemandState.class);
    static final AvroSerde<DemandGap> GAP = AvroSerde.of(DemandGap.class);
    static final AvroSerde<FrontIndicators> FRONT = AvroSerde.of(FrontIndicators.class);
    static final AvroSerde<DeadLetter> DEAD_LETTER = AvroSerde.of(DeadLetter.class);

    /** The first bytes of an event encoded with the current schema: the single-object marker and the schema's fingerprint. */
    private static final byte[] EVENT_HEADER = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(Event.getClassSchema())).array();

    private Codecs() {}

    /**
     * Whether {@code bytes} is an event written with the current {@code Event} schema: its datum
     * then is the event {@link #EVENT} decodes, with no schema resolution, and a store can keep
     * the bytes as they came instead of encoding the decoded event again.
     */
    static boolean currentEventEncoding(byte[] bytes) {
        return bytes != null && bytes.length > EVENT_HEADER.length
                && Arrays.equals(bytes, 0, EVENT_HEADER.length, EVENT_HEADER, 0, EVENT_HEADER.length);
    }

    public static byte[] outputs(DayOutputs o) {
        return write(out -> {
            bytes(out, ASSESSMENT.encode(o.assessment()));
            out.writeInt(o.actors().size());
            for (ActorDemandState a : o.actors()) {
                bytes(out, ACTOR.encode(a));
            }
            out.writeInt(o.gaps().size());
            for (DemandGap g : o.gaps()) {
                bytes(out, GAP.encode(g));
            }
            out.writeInt(o.fronts().size());
            for (FrontIndicators f : o.fronts()) {
                bytes(out, FRONT.encode(f));
            }
        });
    }

    public static DayOutputs outputs(byte[] data) {
        if (data == null) {
            return null;
        }
        return read(data, in -> {
            RipenessAssessment a = ASSESSMENT.decode(bytes(in));
            List<ActorDemandState> actors = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                actors.add(ACTOR.decode(bytes(in)));
            }
            List<DemandGap> gaps = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                gaps.add(GAP.decode(bytes(in)));
            }
            List<FrontIndicators> fronts = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                fronts.add(FRONT.decode(bytes(in)));
            }
            return new DayOutputs(a, actors, gaps, fronts);
        });
    }

    /** The assessment's bytes inside a stored {@link #outputs(DayOutputs)} value, without decoding anything. */
    private static byte[] assessment(byte[] outputs) {
        return read(outputs, Codecs::bytes);
    }

    /**
     * The {@code ripeness.assessment-timeline} record to send when a date's stored
     * {@link #outputs(DayOutputs)} value changes from {@code before} (null: none) to {@code now}:
     * the assessment of {@code now} with the drivers' notes left out, or null when that is the
     * record of {@code before}. A note is ~170 bytes of text per driver, most of a record, and a
     * back-dated event re-sends every later date; the stored outputs keep the notes for the
     * queries (docs/topics.md). Equal assessment bytes (notes included) answer without decoding
     * anything; otherwise each side is decoded and stripped once.
     */
    static byte[] changedTimelineRecord(byte[] before, byte[] now) {
        byte[] assessmentNow = assessment(now);
        if (before == null) {
            return withoutNotes(assessmentNow);
        }
        byte[] assessmentBefore = assessment(before);
        if (Arrays.equals(assessmentNow, assessmentBefore)) {
            return null;
        }
        byte[] record = withoutNotes(assessmentNow);
        return Arrays.equals(record, withoutNotes(assessmentBefore)) ? null : record;
    }

    private static byte[] withoutNotes(byte[] assessment) {
        RipenessAssessment a = ASSESSMENT.decode(assessment);
        for (Driver d : a.getDrivers()) {
            d.setNote(null);
        }
        return ASSESSMENT.encode(a);
    }

    /** The published bytes of a state record (the value serializer of its topic). */
    static byte[] encodeRecord(Object record) {
        if (record instanceof RipenessAssessment a) {
            return ASSESSMENT.encode(a);
        }
        if (record instanceof ActorDemandState a) {
            return ACTOR.encode(a);
        }
        if (record instanceof DemandGap g) {
            return GAP.encode(g);
        }
        if (record instanceof FrontIndicators f) {
            return FRONT.encode(f);
        }
        throw new IllegalArgumentException("not a state record: " + record.getClass());
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] data, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            return r.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt store value: " + e.getMessage(), e);
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
