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

    /** The front id for an upstream region name, when the mapping names one the conflict has. */
    public String front(String region) {
        return mapping.get("front", region).filter(conflict::hasFront).orElse(null);
    }
}
