package dev.ripeness.streams.ripeness;

import dev.ripeness.streams.demand.ActorDemand;
import dev.ripeness.streams.demand.Position;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.stalemate.Battlefield;
import dev.ripeness.streams.stalemate.FrontTally;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact binary form of a {@link ConflictSnapshot} and of its battlefield tallies. Maps are
 * sorted, so equal snapshots give equal bytes. Binary rather than JSON because the fold reads
 * a snapshot for every event: parsing text was most of the cost per event (docs/streams.md).
 * The first byte is a format version so that a later layout can still read this one.
 */
public final class SnapshotCodec {

    /**
     * 2: model v2 (decayed evidence levels and explanation ledgers instead of impulse levels and hurt tallies).
     * 3: an event's parameter note is kept as the facts it is rendered from ({@link Contribution.Cause}), not its
     * text, and each distinct string of the explanations once (see {@link #shared}). Format 2 is still read: its
     * notes stay text, published as they were written.
     */
    private static final int VERSION = 3;
    private static final int OLDEST_READ = 2;
    /** The tallies alone did not change in format 3: written as 2, so stored rows stay byte-equal and are not rewritten. */
    private static final int TALLIES_VERSION = 2;

    private SnapshotCodec() {}

    public static byte[] encode(ConflictSnapshot s) {
        return write(out -> {
            out.writeByte(VERSION);
            str(out, s.conflict);
            str(out, s.date);
            out.writeLong(s.eventCount);
            str(out, s.lastEventId);
            out.writeInt(s.demand.size());
            for (Map.Entry<String, ActorDemand> e : s.demand.entrySet()) {
                str(out, e.getKey());
                demand(out, e.getValue());
            }
            battlefield(out, s.battlefield);
            doubles(out, s.levels);
            out.writeInt(s.mediators.size());
            for (Map.Entry<String, MediatorTrack> e : s.mediators.entrySet()) {
                str(out, e.getKey());
                MediatorTrack m = e.getValue();
                dbl(out, m.stance);
                out.writeInt(m.lastDirection);
                out.writeInt(m.reversals);
                str(out, m.lastDate);
                str(out, m.lastEventId);
            }
            out.writeInt(s.gapDrivers.size());
            for (Map.Entry<String, Contribution> e : s.gapDrivers.entrySet()) {
                str(out, e.getKey());
                contribution(out, e.getValue());
            }
            out.writeInt(s.frontDrivers.size());
            for (Map.Entry<String, List<Contribution>> e : s.frontDrivers.entrySet()) {
                str(out, e.getKey());
                contributions(out, e.getValue());
            }
            out.writeInt(s.ledgers.size());
            for (Map.Entry<String, Ledger> e : s.ledgers.entrySet()) {
                shared(out, e.getKey()); // its drivers' component
                Ledger l = e.getValue();
                out.writeDouble(l.baseline);
                out.writeDouble(l.earlier);
                out.writeDouble(l.decay);
                contributions(out, l.drivers);
            }
        });
    }

    public static ConflictSnapshot decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return read(bytes, in -> {
            version(in);
            ConflictSnapshot s = new ConflictSnapshot();
            s.conflict = str(in);
            s.date = str(in);
            s.eventCount = in.readLong();
            s.lastEventId = str(in);
            for (int n = in.readInt(); n > 0; n--) {
                s.demand.put(str(in), demand(in));
            }
            s.battlefield = battlefield(in);
            s.levels = doubles(in);
            for (int n = in.readInt(); n > 0; n--) {
                String key = str(in);
                MediatorTrack m = new MediatorTrack();
                m.stance = dbl(in);
                m.lastDirection = in.readInt();
                m.reversals = in.readInt();
                m.lastDate = str(in);
                m.lastEventId = str(in);
                s.mediators.put(key, m);
            }
            for (int n = in.readInt(); n > 0; n--) {
                s.gapDrivers.put(str(in), contribution(in));
            }
            for (int n = in.readInt(); n > 0; n--) {
                s.frontDrivers.put(str(in), contributions(in));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String key = str(in);
                Ledger l = new Ledger();
                l.baseline = in.readDouble();
                l.earlier = in.readDouble();
                l.decay = in.readDouble();
                l.drivers = contributions(in);
                s.ledgers.put(key, l);
            }
            return s;
        });
    }

    /** The battlefield tallies alone (what window look-ups read). */
    public static byte[] encodeTallies(Battlefield b) {
        return write(out -> {
            out.writeByte(TALLIES_VERSION);
            battlefield(out, b);
        });
    }

    public static Battlefield decodeTallies(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return read(bytes, in -> {
            version(in);
            return battlefield(in);
        });
    }

    private static void demand(Out out, ActorDemand a) throws IOException {
        out.writeInt(a.positions.size());
        for (Map.Entry<String, Position> e : a.positions.entrySet()) {
            str(out, e.getKey());
            Position p = e.getValue();
            str(out, p.demand);
            integer(out, p.demandRank);
            str(out, p.accept);
            integer(out, p.acceptRank);
            str(out, p.changedOn);
            str(out, p.changedBy);
        }
        out.writeInt(a.escalations);
        out.writeInt(a.deescalations);
        out.writeInt(a.ratchets);
        str(out, a.lastSetback);
        contributions(out, a.drivers);
    }

    private static ActorDemand demand(In in) throws IOException {
        ActorDemand a = new ActorDemand();
        for (int n = in.readInt(); n > 0; n--) {
            String dim = str(in);
            Position p = new Position();
            p.demand = str(in);
            p.demandRank = integer(in);
            p.accept = str(in);
            p.acceptRank = integer(in);
            p.changedOn = str(in);
            p.changedBy = str(in);
            a.positions.put(dim, p);
        }
        a.escalations = in.readInt();
        a.deescalations = in.readInt();
        a.ratchets = in.readInt();
        a.lastSetback = str(in);
        a.drivers = contributions(in);
        return a;
    }

    private static void battlefield(Out out, Battlefield b) throws IOException {
        out.writeInt(b.tallies.size());
        for (Map.Entry<String, FrontTally> e : b.tallies.entrySet()) {
            str(out, e.getKey());
            FrontTally t = e.getValue();
            out.writeInt(t.offensives);
            out.writeInt(t.captures);
            out.writeInt(t.stalled);
            out.writeInt(t.failed);
            out.writeInt(t.withdrawals);
            out.writeDouble(t.areaKm2);
            out.writeInt(t.areaFigures);
        }
        strings(out, b.siegeStart);
        doubles(out, b.heldKm2);
    }

    private static Battlefield battlefield(In in) throws IOException {
        Battlefield b = new Battlefield();
        for (int n = in.readInt(); n > 0; n--) {
            String key = str(in);
            FrontTally t = new FrontTally();
            t.offensives = in.readInt();
            t.captures = in.readInt();
            t.stalled = in.readInt();
            t.failed = in.readInt();
            t.withdrawals = in.readInt();
            t.areaKm2 = in.readDouble();
            t.areaFigures = in.readInt();
            b.tallies.put(key, t);
        }
        b.siegeStart = strings(in);
        b.heldKm2 = doubles(in);
        return b;
    }

    private static void contributions(Out out, List<Contribution> list) throws IOException {
        out.writeInt(list.size());
        for (Contribution c : list) {
            contribution(out, c);
        }
    }

    private static List<Contribution> contributions(In in) throws IOException {
        int n = in.readInt();
        List<Contribution> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(contribution(in));
        }
        return list;
    }

    private static void contribution(Out out, Contribution c) throws IOException {
        shared(out, c.eventId());
        shared(out, c.date());
        shared(out, c.component());
        out.writeDouble(c.delta());
        str(out, c.note());
        if (c.note() == null) {
            Contribution.Cause k = c.cause();
            out.writeBoolean(k != null);
            if (k != null) {
                shared(out, k.type());
                dbl(out, k.confidence());
                out.writeByte((k.area() ? 1 : 0) | (k.casualties() ? 2 : 0) | (k.positions() ? 4 : 0));
                shared(out, k.actor());
            }
        }
    }

    private static Contribution contribution(In in) throws IOException {
        String eventId = str(in);
        String date = str(in);
        String component = str(in);
        double delta = in.readDouble();
        String note = str(in);
        Contribution.Cause cause = null;
        if (note == null && in.version >= 3 && in.readBoolean()) {
            String type = str(in);
            Double confidence = dbl(in);
            int flags = in.readUnsignedByte();
            cause = new Contribution.Cause(type, confidence, (flags & 1) != 0, (flags & 2) != 0, str(in),
                    (flags & 4) != 0);
        }
        return new Contribution(eventId, date, component, delta, note, cause);
    }

    private static void doubles(Out out, TreeMap<String, Double> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Double> e : map.entrySet()) {
            str(out, e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static TreeMap<String, Double> doubles(In in) throws IOException {
        TreeMap<String, Double> map = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            map.put(str(in), in.readDouble());
        }
        return map;
    }

    private static void strings(Out out, TreeMap<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            str(out, e.getKey());
            str(out, e.getValue());
        }
    }

    private static TreeMap<String, String> strings(In in) throws IOException {
        TreeMap<String, String> map = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            map.put(str(in), str(in));
        }
        return map;
    }

    /** A string, or null: 0 null, 1 a string (modified UTF-8, as {@link DataOutputStream}). */
    private static void str(Out out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    /**
     * A string of an explanation, or null. The event ids, dates, components, types and actors of the
     * explanations recur in every ledger: format 3 writes each once (tag 3, then as {@link #str(Out,
     * String)}) and then its index among them (tag 2). Other strings are keys that occur once.
     */
    private static void shared(Out out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        Integer earlier = out.seen.putIfAbsent(s, out.seen.size());
        if (earlier != null) {
            out.writeByte(2);
            out.writeVarint(earlier);
            return;
        }
        out.writeByte(3);
        out.writeUTF(s);
    }

    /** What {@link #str(Out, String)} or {@link #shared} wrote (format 2 wrote only tags 0 and 1). */
    private static String str(In in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == 0) {
            return null;
        }
        if (in.version < 3 || tag == 1) {
            return in.readUTF();
        }
        if (tag == 2) {
            int i = in.readVarint();
            if (i >= in.seen.size()) {
                throw new IOException("string " + i + " before it was written");
            }
            return in.seen.get(i);
        }
        if (tag != 3) {
            throw new IOException("string tag " + tag);
        }
        String s = in.readUTF();
        in.seen.add(s);
        return s;
    }

    private static void integer(Out out, Integer i) throws IOException {
        out.writeBoolean(i != null);
        if (i != null) {
            out.writeInt(i);
        }
    }

    private static Integer integer(In in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void dbl(Out out, Double d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeDouble(d);
        }
    }

    private static Double dbl(In in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void version(In in) throws IOException {
        int v = in.readUnsignedByte();
        if (v < OLDEST_READ || v > VERSION) {
            throw new IOException("snapshot format " + v + " is not one this release reads (" + OLDEST_READ + " to "
                    + VERSION + "); the state was built by another model release: rebuild it with `ripeness replay`");
        }
        in.version = v;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    /** Whether any of the {@code n} bytes from {@code at} is above 0x7F: eight at a time. */
    private static boolean hasHighBit(byte[] b, int at, int n) {
        int i = at;
        for (int end = at + n - 7; i < end; i += 8) {
            if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
                return true;
            }
        }
        for (int end = at + n; i < end; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasZeroOrQuestionMark(byte[] b) {
        return hasZeroOrQuestionMark(b, 0, b.length);
    }

    /** Whether any of the {@code n} bytes from {@code at} is 0 or '?', for bytes all at most 0x7F: eight at a time. */
    private static boolean hasZeroOrQuestionMark(byte[] b, int at, int n) {
        int i = at;
        for (int end = at + n - 7; i < end; i += 8) {
            long v = (long) LONGS.get(b, i);
            long q = v ^ (LOW_BITS * '?');
            if ((((v - LOW_BITS) & ~v | (q - LOW_BITS) & ~q) & HIGH_BITS) != 0) {
                return true;
            }
        }
        for (int end = at + n; i < end; i++) {
            if (b[i] == 0 || b[i] == '?') {
                return true;
            }
        }
        return false;
    }

    private interface Writer {
        void write(Out out) throws IOException;
    }

    private interface Reader<T> {
        T read(In in) throws IOException;
    }

    /** One buffer per thread, grown to the largest snapshot it wrote, so that encoding allocates only its result. */
    private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(Out::new);

    private static byte[] write(Writer w) {
        Out out = OUT.get();
        out.pos = 0;
        out.seen.clear();
        try {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> T read(byte[] data, Reader<T> r) {
        try {
            return r.read(new In(data));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt snapshot: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes {@link DataOutputStream} writes (big-endian, modified UTF-8), into one growing
     * array: its per-character {@code writeUTF} of the explanation notes was a third of a
     * date's fold. Strings that are not plain ASCII go through {@link DataOutputStream} itself.
     */
    private static final class Out {
        private byte[] buf = new byte[8192];
        private int pos;
        /** The strings of the snapshot being written, by their index in it. */
        final java.util.HashMap<String, Integer> seen = new java.util.HashMap<>();

        private void room(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void writeByte(int v) {
            room(1);
            buf[pos++] = (byte) v;
        }

        void writeBoolean(boolean v) {
            writeByte(v ? 1 : 0);
        }

        void writeInt(int v) {
            room(4);
            buf[pos++] = (byte) (v >>> 24);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        /** Seven bits a byte, low first, the high bit set while more follow. */
        void writeVarint(int v) {
            while ((v & ~0x7F) != 0) {
                writeByte(v & 0x7F | 0x80);
                v >>>= 7;
            }
            writeByte(v);
        }

        void writeDouble(double v) {
            writeLong(Double.doubleToLongBits(v));
        }

        void writeUTF(String s) throws IOException {
            int n = s.length();
            // UTF-8 and modified UTF-8 agree on text of ASCII characters other than NUL (one byte each, and only then
            // as many bytes as characters); the JDK copies such a string's bytes without looking at each one. A '?'
            // may stand for a lone surrogate that UTF-8 cannot encode: such strings take the careful way too.
            byte[] b = n <= 0xFFFF ? s.getBytes(StandardCharsets.UTF_8) : null;
            if (b == null || b.length != n || hasZeroOrQuestionMark(b)) {
                ByteArrayOutputStream other = new ByteArrayOutputStream(n * 3 + 2);
                new DataOutputStream(other).writeUTF(s);
                b = other.toByteArray();
            } else {
                room(2);
                buf[pos++] = (byte) (n >>> 8);
                buf[pos++] = (byte) n;
            }
            room(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    /** Reads what {@link Out} wrote, as {@link DataInputStream} would, from the array in place. */
    private static final class In {
        private final byte[] buf;
        private int pos;
        /** The format being read (its first byte). */
        int version;
        /** The strings read so far, by their index (format 3 refers back to them). */
        final List<String> seen = new ArrayList<>();

        In(byte[] buf) {
            this.buf = buf;
        }

        private int need(int n) throws EOFException {
            if (pos + n > buf.length) {
                throw new EOFException();
            }
            int at = pos;
            pos += n;
            return at;
        }

        int readUnsignedByte() throws EOFException {
            return buf[need(1)] & 0xFF;
        }

        boolean readBoolean() throws EOFException {
            return readUnsignedByte() != 0;
        }

        int readInt() throws EOFException {
            int at = need(4);
            return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | buf[at + 3] & 0xFF;
        }

        long readLong() throws EOFException {
            return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
        }

        int readVarint() throws IOException {
            int v = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int b = readUnsignedByte();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("varint longer than five bytes");
        }

        double readDouble() throws EOFException {
            return Double.longBitsToDouble(readLong());
        }

        String readUTF() throws IOException {
            int n = (buf[need(2)] & 0xFF) << 8 | buf[pos - 1] & 0xFF;
            int at = need(n);
            if (hasHighBit(buf, at, n)) {
                return new DataInputStream(new ByteArrayInputStream(buf, at - 2, n + 2)).readUTF();
            }
            return new String(buf, at, n, StandardCharsets.ISO_8859_1);
        }
    }
}
