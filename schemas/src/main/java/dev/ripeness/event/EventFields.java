package dev.ripeness.event;

import java.util.List;
import java.util.Set;

/** The field names of the canonical event format (JSON keys and CSV columns), in canonical order. */
public final class EventFields {

    private EventFields() {}

    public static final String EVENT_ID = "eventId";
    public static final String DATE = "date";
    public static final String DATE_PRECISION = "datePrecision";
    public static final String CONFLICT = "conflict";
    public static final String ACTOR = "actor";
    public static final String TARGET = "target";
    public static final String TYPE = "type";
    public static final String FRONT = "front";
    public static final String AREA_KM2 = "areaKm2";
    public static final String CASUALTIES = "casualties";
    public static final String INTENSITY = "intensity";
    public static final String POSITIONS = "positions";
    public static final String SOURCES = "sources";
    public static final String CONFIDENCE = "confidence";
    public static final String DESCRIPTION = "description";
    public static final String CORRECTS = "corrects";
    public static final String RETRACTS = "retracts";
    public static final String UPSTREAM_ID = "upstreamId";
    public static final String KNOWN_SINCE = "knownSince";
    public static final String LOCATION = "location";

    /** The keys of {@code location}; as CSV columns they are {@code location.latitude} and so on. */
    public static final String LATITUDE = "latitude", LONGITUDE = "longitude", PLACE = "place", PRECISION = "precision";
    public static final List<String> LOCATION_KEYS = List.of(LATITUDE, LONGITUDE, PLACE, PRECISION);

    /** Every accepted name, in canonical order; anything else is rejected. */
    public static final List<String> ALL = List.of(EVENT_ID, DATE, DATE_PRECISION, CONFLICT, ACTOR, TARGET, TYPE, FRONT,
            AREA_KM2, CASUALTIES, INTENSITY, POSITIONS, SOURCES, CONFIDENCE, DESCRIPTION, CORRECTS, RETRACTS,
            UPSTREAM_ID, KNOWN_SINCE, LOCATION);

    /** CSV columns, in canonical order: the fields, with {@code location} flattened to {@code location.<key>}. */
    public static final List<String> CSV_COLUMNS = ALL.stream()
            .flatMap(f -> f.equals(LOCATION) ? LOCATION_KEYS.stream().map(EventFields::locationColumn) : java.util.stream.Stream.of(f))
            .toList();

    /** Fields every record must carry. */
    public static final List<String> REQUIRED = List.of(EVENT_ID, DATE, CONFLICT, ACTOR, TYPE, SOURCES, CONFIDENCE);

    /** The CSV column (and the name in messages) of one key of {@code location}: {@code location.latitude}. */
    public static String locationColumn(String key) {
        return LOCATION + "." + key;
    }

    /** The keys of one entry of {@code positions}. */
    public static final Set<String> POSITION_KEYS = Set.of("dimension", "demand", "accept", "actor");
}
