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

    /**
     * The actor code for an upstream name: the mapping file's {@code actor:} entry first, then
     * the conflict's actor {@code aliases}, then the code itself; all case-insensitive.
     */
    public Optional<String> actor(String upstreamName) {
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
