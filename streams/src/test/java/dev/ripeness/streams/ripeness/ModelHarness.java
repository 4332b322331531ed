package dev.ripeness.streams.ripeness;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.model.ModelConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs the plain model over events in date order, in memory: the fold without Kafka. */
final class ModelHarness {

    final RipenessModel model;
    final TreeMap<LocalDate, ConflictSnapshot> snapshots = new TreeMap<>();
    final TreeMap<LocalDate, DayOutputs> outputs = new TreeMap<>();

    ModelHarness() {
        this(ModelConfig.bundled());
    }

    ModelHarness(ModelConfig config) {
        this(TestEvents.conflict(), config);
    }

    ModelHarness(ConflictConfig conflict, ModelConfig config) {
        model = new RipenessModel(conflict, config);
    }

    ModelHarness run(Event... events) {
        TreeMap<LocalDate, List<Event>> byDate = new TreeMap<>();
        for (Event e : events) {
            byDate.computeIfAbsent(LocalDate.parse(e.getDate()), d -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<LocalDate, List<Event>> day : byDate.entrySet()) {
            Map.Entry<LocalDate, ConflictSnapshot> prev = snapshots.lowerEntry(day.getKey());
            DayResult r = model.day(prev == null ? null : prev.getValue(), day.getKey(), day.getValue(), d -> {
                Map.Entry<LocalDate, ConflictSnapshot> e = snapshots.floorEntry(d);
                return e == null ? null : e.getValue().battlefield;
            });
            snapshots.put(day.getKey(), r.snapshot());
            outputs.put(day.getKey(), r.outputs());
        }
        return this;
    }

    DayOutputs at(String date) {
        return outputs.floorEntry(LocalDate.parse(date)).getValue();
    }

    /** The assessment as of any day, decay applied (what the API answers). */
    dev.ripeness.schema.RipenessAssessment asOf(String date) {
        LocalDate d = LocalDate.parse(date);
        return model.at(snapshots.floorEntry(d).getValue(), d);
    }

    DayOutputs last() {
        return outputs.lastEntry().getValue();
    }
}
