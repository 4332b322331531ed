package dev.ripeness.streams;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds events of the fictional northland-southmark conflict for tests. */
public final class TestEvents {

    public static final String CONFLICT = "northland-southmark";

    private TestEvents() {}

    /** The test conflict, loaded from test resources exactly as a user's file would be. */
    public static ConflictConfig conflict() {
        try (InputStream in = TestEvents.class.getClassLoader().getResourceAsStream("conflicts/northland-southmark.json")) {
            return ConflictCatalog.parse(in, "conflicts/northland-southmark.json");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ConflictCatalog catalog() {
        return ConflictCatalog.of(List.of(conflict()));
    }

    /** A builder with the required fields filled. */
    public static Event.Builder event(String id, String date, String actor, String type) {
        return Event.newBuilder().setEventId(id).setDate(date).setConflict(CONFLICT).setActor(actor).setType(type)
                .setConfidence(1.0).setSources(List.of("test fixture")).setPositions(new ArrayList<>());
    }

    public static Position demand(String dimension, String rung) {
        return Position.newBuilder().setDimension(dimension).setDemand(rung).setAccept(null).build();
    }

    public static Position accept(String dimension, String rung) {
        return Position.newBuilder().setDimension(dimension).setDemand(null).setAccept(rung).build();
    }
}
