package dev.ripeness.producers.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic event stream for tests and benchmarks: the same settings give the
 * same bytes. Events are written one line at a time (JSONL), so tens of millions never sit in
 * memory. Shares of late (dated before events already written), duplicate (an earlier line
 * repeated) and malformed (a record the feeders must reject) lines are configurable. The
 * synthetic conflicts ({@code synth-1} … {@code synth-K}) are data too:
 * {@link #writeConflicts(Path)} writes their configuration files for {@code --conflicts-dir}.
 */
public final class EventGenerator {

    /**
     * What to generate. Shares are fractions 0..1 of all lines. {@code spanDays}: the dates
     * advance from 2000-01-01 over this many days, so the density is about
     * {@code events / (conflicts * spanDays)} events per conflict-day.
     */
    public record Settings(long events, int conflicts, long seed, double lateShare, double duplicateShare, double malformedShare,
                           int spanDays) {
        public Settings {
            if (events < 0 || conflicts < 1) {
                throw new IllegalArgumentException("need events >= 0 and conflicts >= 1");
            }
            if (spanDays < 1 || spanDays > SPAN_DAYS) {
                throw new IllegalArgumentException("spanDays must be between 1 and " + SPAN_DAYS + ", was " + spanDays);
            }
            for (double s : new double[] {lateShare, duplicateShare, malformedShare}) {
                if (!(s >= 0 && s <= 1)) {
                    throw new IllegalArgumentException("shares must be between 0 and 1");
                }
            }
            if (lateShare + duplicateShare + malformedShare > 1) {
                throw new IllegalArgumentException("late + duplicate + malformed shares exceed 1");
            }
        }

        /** Dates spread over the longest span ({@value EventGenerator#SPAN_DAYS} days, ending in 2024). */
        public Settings(long events, int conflicts, long seed, double lateShare, double duplicateShare, double malformedShare) {
            this(events, conflicts, seed, lateShare, duplicateShare, malformedShare, SPAN_DAYS);
        }

        /** The span that gives about {@code perDay} events per conflict-day (at most the longest span). */
        public static int spanFor(long events, int conflicts, double perDay) {
            return (int) Math.max(1, Math.min(SPAN_DAYS, Math.ceil(events / (conflicts * perDay))));
        }
    }

    /** What was written, by kind. */
    public record Counts(long valid, long late, long duplicates, long malformed) {
        public long total() {
            return valid + late + duplicates + malformed;
        }
    }

    static final int ACTORS = 4;
    static final int FRONTS = 5;
    static final int RUNGS = 5;
    static final String[] DIMENSIONS = {"d1", "d2"};
    private static final LocalDate START = LocalDate.of(2000, 1, 1);
    /** The longest span of dates: 2000-01-01 plus this many days stays before today. */
    public static final int SPAN_DAYS = 9000;
    private static final int RECENT = 1024;
    private static final EventType[] TYPES = EventType.values();

    private final Settings settings;

    public EventGenerator(Settings settings) {
        this.settings = settings;
    }

    /** The conflict id of synthetic conflict {@code i} (1-based). */
    public static String conflictId(int i) {
        return "synth-" + i;
    }

    /** The configuration of synthetic conflict {@code i}: 2 belligerents, a mediator, a supporter, 2 ladders of 5 rungs, 5 fronts. */
    public static ConflictConfig conflict(int i) {
        List<ConflictConfig.Actor> actors = List.of(
                new ConflictConfig.Actor("A1", "Synthetic attacker " + i, ConflictConfig.Role.BELLIGERENT, ConflictConfig.Direction.UP, 50_000.0, List.of(), "synthetic", null),
                new ConflictConfig.Actor("A2", "Synthetic defender " + i, ConflictConfig.Role.BELLIGERENT, ConflictConfig.Direction.DOWN, null, List.of(), "synthetic", null),
                new ConflictConfig.Actor("A3", "Synthetic mediator " + i, ConflictConfig.Role.MEDIATOR, null, null, List.of(), "synthetic", null),
                new ConflictConfig.Actor("A4", "Synthetic supporter " + i, ConflictConfig.Role.SUPPORTER, null, null, List.of(), "synthetic", null));
        List<ConflictConfig.Dimension> dims = new ArrayList<>();
        for (String d : DIMENSIONS) {
            List<ConflictConfig.Rung> rungs = new ArrayList<>();
            for (int r = 0; r < RUNGS; r++) {
                rungs.add(new ConflictConfig.Rung("r" + r, "rung " + r, null));
            }
            dims.add(new ConflictConfig.Dimension(d, "dimension " + d, rungs, "synthetic"));
        }
        List<ConflictConfig.Front> fronts = new ArrayList<>();
        for (int f = 1; f <= FRONTS; f++) {
            fronts.add(new ConflictConfig.Front("f" + f, "front " + f));
        }
        return new ConflictConfig(conflictId(i), "Synthetic conflict " + i, "Generated by ripeness generate; not real.",
                START.toString(), actors, dims, fronts);
    }

    /** Writes {@code synth-<i>.json} for every synthetic conflict into {@code dir}. */
    public void writeConflicts(Path dir) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            Files.createDirectories(dir);
            for (int i = 1; i <= settings.conflicts(); i++) {
                json.writeValue(dir.resolve(conflictId(i) + ".json").toFile(), conflict(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write conflict files to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Streams the events as JSONL to {@code out}. */
    public Counts write(Writer out) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        String[] recent = new String[RECENT];
        long valid = 0, late = 0, duplicates = 0, malformed = 0;
        long n = settings.events();
        try {
            for (long i = 0; i < n; i++) {
                double roll = random.nextDouble();
                String line;
                long written = valid + late;
                if (roll < settings.malformedShare()) {
                    line = malformed(random, i);
                    malformed++;
                } else if (roll < settings.malformedShare() + settings.duplicateShare() && written > 0) {
                    // slots fill from 0 upwards, so the first min(written, RECENT) are always set
                    line = recent[(int) random.nextLong(Math.min(written, RECENT))];
                    duplicates++;
                } else {
                    boolean isLate = roll < settings.malformedShare() + settings.duplicateShare() + settings.lateShare() && i > 0;
                    line = EventJson.toJson(event(random, i, n, isLate));
                    recent[(int) (written % RECENT)] = line;
                    if (isLate) {
                        late++;
                    } else {
                        valid++;
                    }
                }
                out.write(line);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Counts(valid, late, duplicates, malformed);
    }

    private Event event(SplittableRandom r, long i, long n, boolean late) {
        // Dates advance with the position in the stream; a late event is dated 30..365 days before its position.
        long day = n <= 1 ? 0 : i * settings.spanDays() / n;
        if (late) {
            day = Math.max(0, day - 30 - r.nextInt(336));
        }
        int conflict = 1 + r.nextInt(settings.conflicts());
        EventType type = TYPES[r.nextInt(TYPES.length)];
        String actor = "A" + (1 + r.nextInt(ACTORS));
        Event.Builder b = Event.newBuilder()
                .setEventId("synth-" + settings.seed() + "-" + i)
                .setDate(START.plusDays(day).toString())
                .setConflict(conflictId(conflict))
                .setActor(actor)
                .setType(type.name())
                .setSources(List.of("synthetic seed " + settings.seed()))
                .setConfidence(Math.round(r.nextDouble() * 100) / 100.0)
                .setPositions(List.of());
        if (r.nextBoolean()) {
            b.setFront("f" + (1 + r.nextInt(FRONTS)));
        }
        if (r.nextInt(3) == 0) {
            String target = "A" + (1 + r.nextInt(ACTORS));
            b.setTarget(target.equals(actor) ? null : target);
        }
        switch (type) {
            case TERRITORY_CHANGE -> b.setAreaKm2((double) (r.nextInt(2001) - 1000));
            case CONTROL_SNAPSHOT -> b.setAreaKm2((double) r.nextInt(100_000));
            case CASUALTIES_REPORTED, ARMED_CLASH, STRIKE -> b.setCasualties((long) r.nextInt(500));
            case MEDIATOR_STANCE -> b.setIntensity(Math.round(r.nextDouble() * 100) / 100.0);
            case DEMAND_STATED, POSITION_OFFERED, PROPOSAL -> {
                String dim = DIMENSIONS[r.nextInt(DIMENSIONS.length)];
                String rung = "r" + r.nextInt(RUNGS);
                b.setPositions(List.of(type == EventType.POSITION_OFFERED ? new Position(dim, null, rung, null) : new Position(dim, rung, null, null)));
            }
            default -> { }
        }
        return b.build();
    }

    /** A line the feeders must reject; the kinds rotate so each rule family is exercised. */
    private String malformed(SplittableRandom r, long i) {
        String id = "synth-" + settings.seed() + "-" + i;
        int conflict = 1 + r.nextInt(settings.conflicts());
        return switch ((int) (i % 4)) {
            case 0 -> "{\"eventId\":\"" + id + "\",\"date\":\"2021-02-30\",\"conflict\":\"" + conflictId(conflict)
                    + "\",\"actor\":\"A1\",\"type\":\"STRIKE\",\"sources\":[\"synthetic\"],\"confidence\":0.5}";
            case 1 -> "{\"eventId\":\"" + id + "\",\"date\":\"2021-03-01\",\"conflict\":\"" + conflictId(conflict)
                    + "\",\"actor\":\"A9\",\"type\":\"STRIKE\",\"sources\":[\"synthetic\"],\"confidence\":0.5}";
            case 2 -> "{\"eventId\":\"" + id + "\",\"date\":\"2021-03-01\",\"conflict\":\"" + conflictId(conflict)
                    + "\",\"actor\":\"A1\",\"type\":\"SKIRMISH\",\"sources\":[\"synthetic\"],\"confidence\":0.5}";
            default -> "{\"eventId\":\"" + id + "\",\"date\":\"2021-03-01\",";
        };
    }
}
