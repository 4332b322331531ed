package dev.ripeness.producers.importers;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.feed.EventLogIndex;
import java.util.Locale;
import java.util.Optional;

/**
 * What an importer needs besides the rows: the conflict the rows belong to, the mapping
 * table, and what the log already holds (to turn upstream revisions into corrections).
 */
public record ImportContext(ConflictConfig conflict, Mapping mapping, EventLogIndex log) {

    /** ACLED's unit suffix after a period of rule: {@code Military Forces of Ukraine (2019-) Air Force}. */
    private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile("^(.*\\(\\d{4}-(\\d{4})?\\)).+$");

    /**
     * The actor code for an upstream name: the mapping file's {@code actor:} entry first, then
     * the conflict's actor {@code aliases}, then the code itself; all case-insensitive. A name
     * with a unit after its period ({@code Military Forces of Ukraine (2019-) Air Force}) falls
     * back to the force itself ({@code Military Forces of Ukraine (2019-)}).
     */
    public Optional<String> actor(String upstreamName) {
        Optional<String> exact = exactActor(upstreamName);
        if (exact.isPresent() || upstreamName == null) {
            return exact;
        }
        java.util.regex.Matcher unit = UNIT.matcher(upstreamName.strip());
        return unit.matches() ? exactActor(unit.group(1)) : Optional.empty();
    }

    private Optional<String> exactActor(String upstreamName) {
        if (upstreamName == null || upstreamName.isBlank()) {
            return Optional.empty();
        }
        Optional<String> mapped = mapping.get("actor", upstreamName).filter(code -> conflict.actor(code).isPresent());
        if (mapped.isPresent()) {
            return mapped;
        }
        String wanted = upstreamName.strip().toLowerCase(Locale.ROOT);
        return conflict.actors().stream()
                .filter(a -> a.code().toLowerCase(Locale.ROOT).equals(wanted)
                        || a.aliases().stream().anyMatch(alias -> alias.toLowerCase(Locale.ROOT).equals(wanted)))
                .map(ConflictConfig.Actor::code)
                .findFirst();
    }

    /**
     * The event's location from an upstream row's coordinates, or null when the row gives none
     * (an event is never placed by guess). The precision comes from the mapping's
     * {@code precision:} section ({@code precision:geo_precision 2 = NEAR}); an unmapped code
     * leaves it unknown. Ranges are the validator's rule, checked when the event is offered.
     */
    public dev.ripeness.schema.Location location(String latColumn, String lat, String lonColumn, String lon, String place,
                                                 String precisionKey) throws RowRejected {
        if (lat.isBlank() && lon.isBlank()) {
            return null;
        }
        if (lat.isBlank() || lon.isBlank()) {
            String missing = lat.isBlank() ? latColumn : lonColumn;
            throw new RowRejected(missing, "is empty while " + (lat.isBlank() ? lonColumn : latColumn)
                    + " is given; fill both or neither");
        }
        return new dev.ripeness.schema.Location(degrees(latColumn, lat), degrees(lonColumn, lon),
                place == null || place.isBlank() ? null : place.strip(), mapping.get("precision", precisionKey).orElse(null));
    }

    private static double degrees(String column, String value) throws RowRejected {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new RowRejected(column, "`" + value + "` is not a number of degrees");
        }
    }

    /** The front id for an upstream region name, when the mapping names one the conflict has. */
    public String front(String region) {
        return mapping.get("front", region).filter(conflict::hasFront).orElse(null);
    }
}
