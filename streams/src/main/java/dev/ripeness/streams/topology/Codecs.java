package dev.ripeness.streams.topology;

import dev.ripeness.schema.ActorAssessment;
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
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

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

    /** Reads events written with the current schema (see {@link #event}). */
    private static final DatumReader<Event> EVENT_READER = eventReader();
    private static final ThreadLocal<BinaryDecoder> EVENT_DECODER = new ThreadLocal<>();

    @SuppressWarnings("unchecked")
    private static DatumReader<Event> eventReader() {
        Schema schema = SpecificData.get().getSchema(Event.class);
        return (DatumReader<Event>) SpecificData.getForClass(Event.class).createDatumReader(schema, schema);
    }

    /**
     * {@link #EVENT}{@code .decode(bytes)}: the same event, and for bytes it refuses the same
     * exception. An event written with the current schema (nearly all of them) is read from the
     * array through a buffered decoder; Avro's message decoder reads it through an unbuffered one
     * from a stream, byte by byte. Anything else, or anything the fast read refuses, goes through
     * {@link #EVENT}.
     */
    public static Event event(byte[] bytes) {
        if (currentEventEncoding(bytes)) {
            try {
                BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, EVENT_HEADER.length,
                        bytes.length - EVENT_HEADER.length, EVENT_DECODER.get());
                EVENT_DECODER.set(in);
                return EVENT_READER.read(null, in);
            } catch (IOException | RuntimeException e) {
                // fall through: the message decoder says what is wrong, as it always has
            }
        }
        return EVENT.decode(bytes);
    }

    /**
     * A date's outputs as stored: each record's single-object encoding (what {@link AvroSerde#encode}
     * gives) behind its length, the lists behind their sizes. Written through one buffered encoder
     * into one array ({@link Datum}): the fold writes ~30 KB of it per date.
     */
    public static byte[] outputs(DayOutputs o) {
        Buffer out = Buffer.get();
        out.record(ASSESSMENT_DATUM, o.assessment());
        out.writeInt(o.actors().size());
        for (ActorDemandState a : o.actors()) {
            out.record(ACTOR_DATUM, a);
        }
        out.writeInt(o.gaps().size());
        for (DemandGap g : o.gaps()) {
            out.record(GAP_DATUM, g);
        }
        out.writeInt(o.fronts().size());
        for (FrontIndicators f : o.fronts()) {
            out.record(FRONT_DATUM, f);
        }
        return out.toByteArray();
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
        return changedTimelineRecord(before, now, ASSESSMENT.decode(assessment(now)));
    }

    /**
     * {@link #changedTimelineRecord(byte[], byte[])} when the assessment of {@code now} is at hand
     * (the fold has just encoded it): it is stripped and encoded without decoding its bytes again.
     */
    static byte[] changedTimelineRecord(byte[] before, byte[] now, RipenessAssessment assessmentNow) {
        if (before == null) {
            return withoutNotes(assessmentNow);
        }
        byte[] assessmentBefore = assessment(before);
        if (Arrays.equals(assessment(now), assessmentBefore)) {
            return null;
        }
        byte[] record = withoutNotes(assessmentNow);
        return Arrays.equals(record, withoutNotes(ASSESSMENT.decode(assessmentBefore))) ? null : record;
    }

    /**
     * The timeline record of an assessment: its encoding with the drivers' notes left out, byte
     * for byte what decoding its stored bytes, clearing the notes and encoding again gives (the
     * definition this was first written with). So the record does not depend on whether the
     * assessment was decoded: the actors map is written in the order of the map Avro's reader
     * fills (a {@code HashMap}, default capacity, in written order), not in the model's sorted
     * order. The assessment is changed only while it is encoded.
     */
    static byte[] withoutNotes(RipenessAssessment a) {
        List<Driver> drivers = a.getDrivers();
        String[] notes = new String[drivers.size()];
        Map<String, ActorAssessment> actors = a.getActors();
        try {
            for (int i = 0; i < notes.length; i++) {
                notes[i] = drivers.get(i).getNote();
                drivers.get(i).setNote(null);
            }
            if (actors != null) {
                Map<String, ActorAssessment> asRead = new HashMap<>();
                for (Map.Entry<String, ActorAssessment> e : actors.entrySet()) {
                    asRead.put(e.getKey(), e.getValue());
                }
                a.setActors(asRead);
            }
            Buffer out = Buffer.get();
            out.datum(ASSESSMENT_DATUM, a);
            return out.toByteArray();
        } finally {
            a.setActors(actors);
            for (int i = 0; i < notes.length; i++) {
                drivers.get(i).setNote(notes[i]);
            }
        }
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

    private static final Datum<RipenessAssessment> ASSESSMENT_DATUM = new Datum<>(RipenessAssessment.class);
    private static final Datum<ActorDemandState> ACTOR_DATUM = new Datum<>(ActorDemandState.class);
    private static final Datum<DemandGap> GAP_DATUM = new Datum<>(DemandGap.class);
    private static final Datum<FrontIndicators> FRONT_DATUM = new Datum<>(FrontIndicators.class);

    /**
     * A record type's single-object encoding as {@link AvroSerde} writes it (marker, fingerprint
     * of the class's schema, binary datum by the class's {@code SpecificData}); the datum's bytes
     * do not depend on the encoder, so a buffered one gives the same bytes as the unbuffered
     * encoder of Avro's {@code BinaryMessageEncoder}, which writes every field into a
     * synchronized stream and then copies the result twice.
     */
    private static final class Datum<T extends SpecificRecord> {
        private final byte[] header;
        private final DatumWriter<T> writer;

        @SuppressWarnings("unchecked")
        Datum(Class<T> type) {
            Schema schema = SpecificData.get().getSchema(type);
            this.header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
                    .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
            this.writer = (DatumWriter<T>) SpecificData.getForClass(type).createDatumWriter(schema);
        }
    }

    /** A growing array of the stream thread's, with a buffered Avro encoder over it (one per thread, reused). */
    private static final class Buffer extends OutputStream {
        private static final ThreadLocal<Buffer> MINE = ThreadLocal.withInitial(Buffer::new);
        private byte[] bytes = new byte[64 * 1024];
        private int size;
        private BinaryEncoder encoder;

        /** This thread's buffer, emptied. */
        static Buffer get() {
            Buffer b = MINE.get();
            b.size = 0;
            return b;
        }

        <T extends SpecificRecord> void datum(Datum<T> d, T value) {
            write(d.header, 0, d.header.length);
            encoder = EncoderFactory.get().binaryEncoder(this, encoder);
            try {
                d.writer.write(value, encoder);
                encoder.flush();
            } catch (IOException | RuntimeException e) {
                encoder = null; // it may hold part of the failed record: never reuse it
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }

        /** A record's single-object encoding behind its length (as {@code DataOutputStream#writeInt} writes it). */
        <T extends SpecificRecord> void record(Datum<T> d, T value) {
            int at = size;
            writeInt(0);
            datum(d, value);
            int length = size - at - 4;
            bytes[at] = (byte) (length >>> 24);
            bytes[at + 1] = (byte) (length >>> 16);
            bytes[at + 2] = (byte) (length >>> 8);
            bytes[at + 3] = (byte) length;
        }

        void writeInt(int v) {
            room(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T read(byte[] data, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            return r.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt store value: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
