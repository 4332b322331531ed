package dev.ripeness.api.http;

import java.io.IOException;
import java.util.List;

/** Live push: one Server-Sent Event per state change, for all conflicts or one. */
final class LiveResource {

    private final LiveStreams live;
    private final ConflictRouting conflicts;

    LiveResource(LiveStreams live, ConflictRouting conflicts) {
        this.live = live;
        this.conflicts = conflicts;
    }

    List<Route> routes() {
        return List.of(Route.get("/api/stream", (r, p) -> stream(r)));
    }

    private Response stream(Request request) throws IOException {
        request.allowOnly("conflict");
        String conflict = request.param("conflict");
        if (conflict != null) {
            conflicts.require(conflict);
        }
        live.serve(request.response(), conflict);
        return Response.STREAMED;
    }
}
