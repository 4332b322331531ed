package dev.ripeness.bench.harness;

import dev.ripeness.schema.Event;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.DayResult;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.streams.ripeness.SnapshotCodec;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The plain model's share of the per-event cost: one day folded per event, snapshots kept as bytes in memory. */
public final class ModelOnlyBench {

    public static void main(String[] args) {
        int n = args.length == 0 ? 20000 : Integer.parseInt(args[0]);
        RipenessModel model = new RipenessModel(TestEvents.conflict(), ModelConfig.bundled());
        TreeMap<LocalDate, byte[]> snapshots = new TreeMap<>();
        TreeMap<LocalDate, byte[]> tallies = new TreeMap<>();
        Random random = new Random(42);
        LocalDate start = LocalDate.parse("2030-01-01");
        long t0 = System.nanoTime();
        long bytes = 0;
        java.util.List<Event> day = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate date = start.plusDays(i / 3);
            Event e = synthetic(i, date, random);
            if (!day.isEmpty() && !day.get(0).getDate().equals(e.getDate())) {
                day.clear();
            }
            day.add(e);
            Map.Entry<LocalDate, byte[]> prev = snapshots.lowerEntry(date);
            DayResult r = model.day(prev == null ? null : SnapshotCodec.decode(prev.getValue()), date, List.copyOf(day), d -> {
                Map.Entry<LocalDate, byte[]> s = tallies.floorEntry(d);
                return s == null ? null : SnapshotCodec.decodeTallies(s.getValue());
            });
            byte[] encoded = SnapshotCodec.encode(r.snapshot());
            bytes = encoded.length;
            snapshots.put(date, encoded);
            tallies.put(date, SnapshotCodec.encodeTallies(r.snapshot().battlefield));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "model only: %d events in %.1f s = %.0f events/s, %.0f us/event; snapshot %d bytes%n",
                n, s, n / s, s * 1e6 / n, bytes);
    }

    private static Event synthetic(int i, LocalDate date, Random random) {
        return PipelineBenchEvents.synthetic(i, date, random);
    }
}
