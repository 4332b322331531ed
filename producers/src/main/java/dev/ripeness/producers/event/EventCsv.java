package dev.ripeness.producers.event;

import dev.ripeness.event.EventFields;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Location;
import dev.ripeness.schema.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The event as CSV: a header row naming columns from the canonical field names (any order,
 * optional columns may be left out), then one event per row. {@code positions} is
 * {@code dimension:demand:accept;…} (either rung may be empty), {@code sources} is
 * {@code ;}-separated. An empty cell is an absent value.
 */
public final class EventCsv {

    private final List<String> columns;

    private EventCsv(List<String> columns) {
        this.columns = columns;
    }

    /** The codec for a file whose header row is {@code header}; unknown or repeated columns are refused. */
    public static EventCsv forHeader(List<String> header) {
        List<String> cols = header.stream().map(String::strip).toList();
        for (String c : cols) {
            if (!EventFields.CSV_COLUMNS.contains(c)) {
                throw new IllegalArgumentException("header: unknown column `" + c + "`; the accepted columns are "
                        + String.join(",", EventFields.CSV_COLUMNS));
            }
        }
        if (cols.stream().distinct().count() != cols.size()) {
            throw new IllegalArgumentException("header: a column is named twice: " + cols);
        }
        for (String required : EventFields.REQUIRED) {
            if (!cols.contains(required)) {
                throw new IllegalArgumentException("header: required column `" + required + "` is missing");
            }
        }
        return new EventCsv(cols);
    }

    /** The codec writing every canonical column. */
    public static EventCsv canonical() {
        return new EventCsv(EventFields.CSV_COLUMNS);
    }

    /** The header row this codec writes. */
    public String header() {
        return String.join(",", columns);
    }

    /** Reads one data row. */
    public Event parse(List<String> cells) throws EventFormatException {
        if (cells.size() != columns.size()) {
            throw new EventFormatException(null, "has " + cells.size() + " cells but the header names " + columns.size()
                    + " columns (quote cells that contain commas)");
        }
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String cell = cells.get(i).strip();
            if (!cell.isEmpty()) {
                v.put(columns.get(i), cell);
            }
        }
        for (String name : EventFields.REQUIRED) {
            if (!v.containsKey(name)) {
                throw new EventFormatException(name, "is required");
            }
        }
        return Event.newBuilder()
                .setEventId(v.get(EventFields.EVENT_ID))
                .setDate(v.get(EventFields.DATE))
                .setDatePrecision(v.get(EventFields.DATE_PRECISION))
                .setConflict(v.get(EventFields.CONFLICT))
                .setActor(v.get(EventFields.ACTOR))
                .setTarget(v.get(EventFields.TARGET))
                .setType(v.get(EventFields.TYPE))
                .setFront(v.get(EventFields.FRONT))
                .setAreaKm2(number(v, EventFields.AREA_KM2))
                .setCasualties(integer(v, EventFields.CASUALTIES))
                .setIntensity(number(v, EventFields.INTENSITY))
                .setPositions(positions(v.get(EventFields.POSITIONS)))
                .setSources(splitList(v.get(EventFields.SOURCES)))
                .setConfidence(number(v, EventFields.CONFIDENCE))
                .setDescription(v.get(EventFields.DESCRIPTION))
                .setCorrects(v.get(EventFields.CORRECTS))
                .setRetracts(v.get(EventFields.RETRACTS))
                .setUpstreamId(v.get(EventFields.UPSTREAM_ID))
                .setKnownSince(v.get(EventFields.KNOWN_SINCE))
                .setLocation(location(v))
                .build();
    }

    private static Location location(Map<String, String> v) throws EventFormatException {
        String lat = EventFields.locationColumn(EventFields.LATITUDE);
        String lon = EventFields.locationColumn(EventFields.LONGITUDE);
        if (EventFields.LOCATION_KEYS.stream().map(EventFields::locationColumn).noneMatch(v::containsKey)) {
            return null;
        }
        if (!v.containsKey(lat) || !v.containsKey(lon)) {
            throw new EventFormatException(v.containsKey(lat) ? lon : lat, "is required when any location.* cell is filled "
                    + "(leave them all empty when the source gives no coordinates)");
        }
        return new Location(number(v, lat), number(v, lon), v.get(EventFields.locationColumn(EventFields.PLACE)),
                v.get(EventFields.locationColumn(EventFields.PRECISION)));
    }

    /** Writes one event as a row of this codec's columns. */
    public String format(Event e) {
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
            cells.add(CsvReader.quote(cell(e, c)));
        }
        return String.join(",", cells);
    }

    private static String cell(Event e, String column) {
        return switch (column) {
            case EventFields.EVENT_ID -> e.getEventId();
            case EventFields.DATE -> e.getDate();
            case EventFields.DATE_PRECISION -> e.getDatePrecision();
            case EventFields.CONFLICT -> e.getConflict();
            case EventFields.ACTOR -> e.getActor();
            case EventFields.TARGET -> e.getTarget();
            case EventFields.TYPE -> e.getType();
            case EventFields.FRONT -> e.getFront();
            case EventFields.AREA_KM2 -> e.getAreaKm2() == null ? null : plain(e.getAreaKm2());
            case EventFields.CASUALTIES -> e.getCasualties() == null ? null : e.getCasualties().toString();
            case EventFields.INTENSITY -> e.getIntensity() == null ? null : plain(e.getIntensity());
            case EventFields.POSITIONS -> e.getPositions().stream()
                    .map(p -> p.getDimension() + ":" + nz(p.getDemand()) + ":" + nz(p.getAccept())
                            + (p.getActor() == null ? "" : ":" + p.getActor()))
                    .collect(Collectors.joining(";"));
            case EventFields.SOURCES -> {
                for (String s : e.getSources()) {
                    if (s.contains(";")) {
                        throw new IllegalArgumentException("event " + e.getEventId() + ": source `" + s
                                + "` contains `;`, which CSV uses between sources; write this event as JSONL");
                    }
                }
                yield String.join(";", e.getSources());
            }
            case EventFields.CONFIDENCE -> plain(e.getConfidence());
            case EventFields.DESCRIPTION -> e.getDescription();
            case EventFields.CORRECTS -> e.getCorrects();
            case EventFields.RETRACTS -> e.getRetracts();
            case EventFields.UPSTREAM_ID -> e.getUpstreamId();
            case EventFields.KNOWN_SINCE -> e.getKnownSince();
            default -> locationCell(e.getLocation(), column);
        };
    }

    private static String locationCell(Location l, String column) {
        if (l == null) {
            return null;
        }
        return switch (column.substring(EventFields.LOCATION.length() + 1)) {
            case EventFields.LATITUDE -> Double.toString(l.getLatitude());
            case EventFields.LONGITUDE -> Double.toString(l.getLongitude());
            case EventFields.PLACE -> l.getPlace();
            case EventFields.PRECISION -> l.getPrecision();
            default -> throw new IllegalStateException(column);
        };
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Double number(Map<String, String> v, String field) throws EventFormatException {
        String s = v.get(field);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new EventFormatException(field, "`" + s + "` is not a number");
        }
    }

    private static Long integer(Map<String, String> v, String field) throws EventFormatException {
        String s = v.get(field);
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new EventFormatException(field, "`" + s + "` is not a whole number");
        }
    }

    private static List<String> splitList(String s) {
        if (s == null) {
            return List.of();
        }
        return Arrays.stream(s.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static List<Position> positions(String s) throws EventFormatException {
        List<Position> out = new ArrayList<>();
        for (String item : splitList(s)) {
            String[] parts = item.split(":", -1);
            if (parts.length < 3 || parts.length > 4 || parts[0].isBlank()) {
                throw new EventFormatException(EventFields.POSITIONS, "`" + item
                        + "` must be dimension:demand:accept or dimension:demand:accept:actor (leave a rung empty when not stated, e.g. territory:D:)");
            }
            out.add(new Position(parts[0].strip(), parts[1].isBlank() ? null : parts[1].strip(),
                    parts[2].isBlank() ? null : parts[2].strip(),
                    parts.length == 4 && !parts[3].isBlank() ? parts[3].strip() : null));
        }
        return out;
    }
}
