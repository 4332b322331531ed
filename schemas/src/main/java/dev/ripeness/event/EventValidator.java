package dev.ripeness.event;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.event.EventFields;
import dev.ripeness.event.Violation;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Location;
import dev.ripeness.schema.Position;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule an event must pass, as written in {@code docs/events.md} ("Validation rules"), declared once: the
 * feeders check it before an event enters the log and the pipeline checks it again at its door (a record may reach
 * the log by other means). Checks the record on its own and against its conflict's configuration; the rule that a
 * corrected or retracted event belongs to the same conflict needs the log and is checked by the pipeline.
 *
 * <p>One rule depends on the wall clock: an event may not be dated after tomorrow. The feeders apply it; the
 * pipeline's door ({@link #atTheDoor}) does not, because whether a record in the log is admitted must not depend on
 * when the log is replayed.
 */
public final class EventValidator {

    /** Earliest accepted event date. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** Largest accepted |areaKm2|: more than any country's land area. */
    public static final double MAX_AREA_KM2 = 20_000_000;
    /** Largest accepted casualty figure in one event. */
    public static final long MAX_CASUALTIES = 10_000_000;
    /** Longest accepted description. */
    public static final int MAX_DESCRIPTION = 10_000;
    /** Longest accepted place name. */
    public static final int MAX_PLACE = 500;

    /** eventId (and corrects/retracts): 1–200 characters, starting with a letter or digit, no spaces or `|`. */
    public static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+#=-]{0,199}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final ConflictCatalog catalog;
    /** Null at the pipeline's door: no rule there depends on when it runs. */
    private final Clock clock;

    /** The feeders' validator: every rule, dates up to tomorrow by the system clock (UTC). */
    public EventValidator(ConflictCatalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    public EventValidator(ConflictCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The pipeline's door: the same rules but the wall-clock one, so a replay admits what the first run admitted. */
    public static EventValidator atTheDoor(ConflictCatalog catalog) {
        return new EventValidator(catalog, null);
    }

    /** The first rule the event breaks, or empty when it may enter the log. */
    public Optional<Violation> check(Event e) {
        try {
            checkOrThrow(e);
            return Optional.empty();
        } catch (Broken b) {
            return Optional.of(b.violation);
        }
    }

    private void checkOrThrow(Event e) throws Broken {
        eventId(EventFields.EVENT_ID, e.getEventId(), true);
        String date = required(EventFields.DATE, e.getDate());
        if (!ISO_DATE.matcher(date).matches()) {
            fail(EventFields.DATE, "`" + date + "` is not a date in the form YYYY-MM-DD");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(date);
        } catch (DateTimeParseException ex) {
            throw new Broken(EventFields.DATE, "`" + date + "` is not a date");
        }
        LocalDate latest = clock == null ? LocalDate.MAX : LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        if (d.isBefore(EARLIEST) || d.isAfter(latest)) {
            fail(EventFields.DATE, "`" + date + "` is " + (clock == null ? "before " + EARLIEST : "outside " + EARLIEST + " .. " + latest)
                    + " (events are dated when they happened)");
        }
        if (e.getDatePrecision() != null && !List.of("DAY", "MONTH", "YEAR").contains(e.getDatePrecision())) {
            fail(EventFields.DATE_PRECISION, "`" + e.getDatePrecision() + "` must be DAY, MONTH (date = the 1st) or YEAR (date = 1 January)");
        }
        String conflictId = required(EventFields.CONFLICT, e.getConflict());
        ConflictConfig conflict = catalog.find(conflictId).orElseThrow(() -> new Broken(EventFields.CONFLICT,
                "`" + conflictId + "` is not a known conflict; known: " + catalog.all().stream().map(ConflictConfig::id).toList()
                        + " (add its configuration file with --conflicts-dir)"));
        String actor = required(EventFields.ACTOR, e.getActor());
        if (conflict.actor(actor).isEmpty()) {
            fail(EventFields.ACTOR, unknownActor(actor, conflict));
        }
        if (e.getTarget() != null && conflict.actor(e.getTarget()).isEmpty()) {
            fail(EventFields.TARGET, unknownActor(e.getTarget(), conflict));
        }
        String typeName = required(EventFields.TYPE, e.getType());
        EventType type = EventType.parse(typeName).orElseThrow(() -> new Broken(EventFields.TYPE,
                "`" + typeName + "` is not an event type; see docs/events.md for the vocabulary"));
        if (e.getFront() != null && !conflict.hasFront(e.getFront())) {
            fail(EventFields.FRONT, "`" + e.getFront() + "` is not a front of " + conflictId + "; known: "
                    + conflict.fronts().stream().map(ConflictConfig.Front::id).toList());
        }
        quantities(e, type);
        positions(e.getPositions(), conflict);
        if (e.getSources() == null || e.getSources().stream().noneMatch(s -> s != null && !s.isBlank())) {
            fail(EventFields.SOURCES, "name at least one source (citation or URL)");
        }
        double confidence = e.getConfidence();
        if (!(confidence >= 0 && confidence <= 1)) {
            fail(EventFields.CONFIDENCE, "`" + confidence + "` must be between 0 and 1");
        }
        if (e.getDescription() != null && e.getDescription().length() > MAX_DESCRIPTION) {
            fail(EventFields.DESCRIPTION, "is " + e.getDescription().length() + " characters; at most " + MAX_DESCRIPTION);
        }
        if (e.getCorrects() != null && e.getRetracts() != null) {
            fail(EventFields.RETRACTS, "an event either corrects or retracts another, not both");
        }
        reference(EventFields.CORRECTS, e.getCorrects(), e.getEventId());
        reference(EventFields.RETRACTS, e.getRetracts(), e.getEventId());
        if (e.getKnownSince() != null) {
            try {
                Instant.parse(e.getKnownSince());
            } catch (DateTimeParseException ex) {
                fail(EventFields.KNOWN_SINCE, "`" + e.getKnownSince() + "` is not an ISO-8601 instant such as 2024-05-01T12:00:00Z");
            }
        }
        location(e.getLocation());
    }

    private static void location(Location location) throws Broken {
        if (location == null) {
            return;
        }
        double lat = location.getLatitude();
        double lon = location.getLongitude();
        if (!(lat >= -90 && lat <= 90)) {
            fail(EventFields.locationColumn(EventFields.LATITUDE), "`" + lat
                    + "` must be degrees north between -90 and 90 (WGS 84; south is negative; is it swapped with the longitude?)");
        }
        if (!(lon >= -180 && lon <= 180)) {
            fail(EventFields.locationColumn(EventFields.LONGITUDE), "`" + lon
                    + "` must be degrees east between -180 and 180 (WGS 84; west is negative)");
        }
        if (location.getPlace() != null && location.getPlace().length() > MAX_PLACE) {
            fail(EventFields.locationColumn(EventFields.PLACE), "is " + location.getPlace().length() + " characters; at most " + MAX_PLACE);
        }
        if (location.getPrecision() != null && LocationPrecision.parse(location.getPrecision()).isEmpty()) {
            fail(EventFields.locationColumn(EventFields.PRECISION), "`" + location.getPrecision() + "` must be one of "
                    + java.util.Arrays.toString(LocationPrecision.values()) + " (or left out when the source does not say)");
        }
    }

    private void quantities(Event e, EventType type) throws Broken {
        Double area = e.getAreaKm2();
        if (area != null && (!Double.isFinite(area) || Math.abs(area) > MAX_AREA_KM2)) {
            fail(EventFields.AREA_KM2, "`" + area + "` must be a finite number of km² within ±" + (long) MAX_AREA_KM2);
        }
        // TERRITORY_CHANGE may come without km² (sources often give none; never invent one); a snapshot is its area.
        if (type == EventType.CONTROL_SNAPSHOT && area == null) {
            fail(EventFields.AREA_KM2, "is required for CONTROL_SNAPSHOT (km² held as of the date)");
        }
        if (type == EventType.CONTROL_SNAPSHOT && area < 0) {
            fail(EventFields.AREA_KM2, "`" + area + "` is negative; CONTROL_SNAPSHOT gives the area held");
        }
        Long casualties = e.getCasualties();
        if (casualties != null && (casualties < 0 || casualties > MAX_CASUALTIES)) {
            fail(EventFields.CASUALTIES, "`" + casualties + "` must be between 0 and " + MAX_CASUALTIES);
        }
        Double intensity = e.getIntensity();
        if (intensity != null && !(intensity >= 0 && intensity <= 1)) {
            fail(EventFields.INTENSITY, "`" + intensity + "` must be between 0 and 1");
        }
        if (type == EventType.MEDIATOR_STANCE && intensity == null) {
            fail(EventFields.INTENSITY, "is required for MEDIATOR_STANCE (0 = PLAN_A, 1 = PLAN_B)");
        }
    }

    private static void positions(List<Position> positions, ConflictConfig conflict) throws Broken {
        if (positions == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < positions.size(); i++) {
            Position p = positions.get(i);
            String field = EventFields.POSITIONS + "[" + i + "]";
            Optional<ConflictConfig.Dimension> dim = Optional.ofNullable(p.getDimension()).flatMap(conflict::dimension);
            if (dim.isEmpty()) {
                fail(field + ".dimension", "`" + p.getDimension() + "` is not a dimension of " + conflict.id() + "; known: "
                        + conflict.dimensions().stream().map(ConflictConfig.Dimension::id).toList());
            }
            if (p.getActor() != null && !conflict.isBelligerent(p.getActor())) {
                fail(field + ".actor", "`" + p.getActor() + "` is not a belligerent of " + conflict.id() + "; known: "
                        + conflict.belligerents().stream().map(ConflictConfig.Actor::code).toList());
            }
            if (!seen.add(p.getActor() + "|" + p.getDimension())) {
                fail(field + ".dimension", "dimension `" + p.getDimension() + "` appears twice for the same actor; give one position per actor and dimension");
            }
            if (p.getDemand() == null && p.getAccept() == null) {
                fail(field, "names neither a `demand` nor an `accept` rung");
            }
            rung(field + ".demand", p.getDemand(), dim.get());
            rung(field + ".accept", p.getAccept(), dim.get());
        }
    }

    private static void rung(String field, String rung, ConflictConfig.Dimension dim) throws Broken {
        if (rung != null && dim.rank(rung) < 0) {
            fail(field, "`" + rung + "` is not a rung of dimension " + dim.id() + "; its ladder is "
                    + dim.rungs().stream().map(ConflictConfig.Rung::id).toList());
        }
    }

    private static void reference(String field, String ref, String self) throws Broken {
        if (ref == null) {
            return;
        }
        eventId(field, ref, false);
        if (ref.equals(self)) {
            fail(field, "`" + ref + "` is this event's own id; name the earlier event");
        }
    }

    private static void eventId(String field, String id, boolean required) throws Broken {
        if (id == null || id.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
            return;
        }
        if (!EVENT_ID.matcher(id).matches()) {
            fail(field, "`" + id + "` is not an event id: 1–200 characters, letters, digits and . _ : @ / + # = -, starting with a letter or digit");
        }
    }

    private static String unknownActor(String actor, ConflictConfig conflict) {
        return "`" + actor + "` is not an actor of " + conflict.id() + "; known: "
                + conflict.actors().stream().map(ConflictConfig.Actor::code).toList();
    }

    private static String required(String field, String value) throws Broken {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        }
        return value;
    }

    private static void fail(String field, String message) throws Broken {
        throw new Broken(field, message);
    }

    /** Internal short-cut out of the checks; never escapes this class. */
    private static final class Broken extends Exception {
        final transient Violation violation;

        Broken(String field, String message) {
            super(message, null, false, false);
            this.violation = new Violation(field, message);
        }
    }
}
