package dev.ripeness.api.http;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.streams.query.StateQueries;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every per-conflict endpoint does first: refuses an unknown conflict with the list of
 * known ones, and forwards to the instance that holds the conflict's state when that is
 * another one.
 */
final class ConflictRouting {

    private final StateQueries queries;
    private final ConflictCatalog catalog;
    private final StateReads reads;
    private OwnerProxy proxy;

    ConflictRouting(StateQueries queries, ConflictCatalog catalog, StateReads reads, OwnerProxy proxy) {
        this.queries = queries;
        this.catalog = catalog;
        this.reads = reads;
        this.proxy = proxy;
    }

    /** Set once the port is known, before the server starts: the proxy names this instance by it. */
    void proxy(OwnerProxy proxy) {
        this.proxy = proxy;
    }

    /** Validates the conflict, then answers here or forwards to the instance that holds its state. */
    Response routed(Request request, String conflict, Supplier<Response> local) {
        require(conflict);
        if (request.header(OwnerProxy.HEADER) == null) {
            Optional<String> owner = reads.read(() -> queries.ownerElsewhere(conflict));
            if (owner.isPresent()) {
                return proxy.forward(owner.get(), request);
            }
        }
        return local.get();
    }

    /** The conflict's configuration; empty for a conflict with state but no configuration here. 404 when neither. */
    Optional<ConflictConfig> require(String id) {
        Optional<ConflictConfig> config = catalog.find(id);
        if (config.isEmpty() && !reads.read(queries::conflicts).contains(id)) {
            Set<String> known = new LinkedHashSet<>();
            catalog.all().forEach(c -> known.add(c.id()));
            throw ApiException.notFound("unknown conflict `" + id + "`; known conflicts: "
                    + String.join(", ", known) + " (GET /api/conflicts lists them)");
        }
        return config;
    }
}
