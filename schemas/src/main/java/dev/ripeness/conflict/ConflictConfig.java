package dev.ripeness.conflict;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One conflict as data: its actors and their roles, the negotiation dimensions with
 * ordered rungs, and its fronts. A new conflict is a new file, never code.
 *
 * <p>Rungs are ordered from the least to the most demanded of the side whose
 * {@code demandDirection} is {@code DOWN}; an {@code UP} actor's demands climb the ladder.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ConflictConfig(String id, String name, String description, String start,
                             List<Actor> actors, List<Dimension> dimensions, List<Front> fronts, Upstream upstream) {

    /**
     * How the upstream data sets name this conflict, so importers keep its rows and filter the
     * rest (docs/conflicts.md). Every list is optional; an empty one leaves that data set scoped
     * by actors alone.
     *
     * @param ucdpConflictIds UCDP {@code conflict_new_id}s of the conflict
     * @param ucdpDyadIds     UCDP {@code dyad_new_id}s, when only some dyads of a conflict belong
     * @param countries       country names, as ACLED and UCDP spell them ({@code country} column), where the
     *                        conflict's events happen
     * @param gdeltActorCodes GDELT actor country codes ({@code Actor1CountryCode}) of the belligerents;
     *                        a GDELT row is kept when both its actors are among them and on different sides
     * @param gdeltActionCountries optional FIPS 10-4 codes of {@code ActionGeo_CountryCode} (e.g. {@code UP}):
     *                        a GDELT row that took place there is also kept when its first actor is one of the conflict
     */
    public record Upstream(List<Integer> ucdpConflictIds, List<Integer> ucdpDyadIds, List<String> countries,
                           List<String> gdeltActorCodes, List<String> gdeltActionCountries) {
        public List<Integer> ucdpConflictIds() {
            return ucdpConflictIds == null ? List.of() : ucdpConflictIds;
        }

        public List<Integer> ucdpDyadIds() {
            return ucdpDyadIds == null ? List.of() : ucdpDyadIds;
        }

        public List<String> countries() {
            return countries == null ? List.of() : countries;
        }

        public List<String> gdeltActorCodes() {
            return gdeltActorCodes == null ? List.of() : gdeltActorCodes;
        }

        public List<String> gdeltActionCountries() {
            return gdeltActionCountries == null ? List.of() : gdeltActionCountries;
        }
    }

    /** A conflict without upstream scope (programs and tests that build one in code). */
    public ConflictConfig(String id, String name, String description, String start,
                          List<Actor> actors, List<Dimension> dimensions, List<Front> fronts) {
        this(id, name, description, start, actors, dimensions, fronts, null);
    }

    /** The upstream scope; an empty one when the file names none. */
    public Upstream upstream() {
        return upstream == null ? new Upstream(null, null, null, null, null) : upstream;
    }

    public enum Role { BELLIGERENT, MEDIATOR, SUPPORTER }

    public enum Direction { UP, DOWN }

    /**
     * @param side actors with the same side are allies (a coalition, a state and the militia
     *     fighting with it); without one an actor is a side of its own
     */
    public record Actor(String code, String name, Role role, Direction demandDirection,
                        Double territorialAimKm2, List<String> aliases, String source, String side) {
        public List<String> aliases() {
            return aliases == null ? List.of() : aliases;
        }

        /** The side this actor fights on: {@code side}, or its own code when none is given. */
        public String sideOrCode() {
            return side == null || side.isBlank() ? code : side;
        }
    }

    public record Rung(String id, String label, String source) {}

    public record Dimension(String id, String label, List<Rung> rungs, String source) {
        /** 0-based rank of {@code rungId} on this ladder, or -1 when it is not a rung of it. */
        public int rank(String rungId) {
            for (int i = 0; i < rungs.size(); i++) {
                if (rungs.get(i).id().equals(rungId)) {
                    return i;
                }
            }
            return -1;
        }

        /** The highest rank on the ladder (the ladder's length minus one). */
        public int top() {
            return rungs.size() - 1;
        }
    }

    public record Front(String id, String label) {}

    public List<Actor> actors() {
        return actors == null ? List.of() : actors;
    }

    public List<Dimension> dimensions() {
        return dimensions == null ? List.of() : dimensions;
    }

    public List<Front> fronts() {
        return fronts == null ? List.of() : fronts;
    }

    // The look-ups below run per event in the fold: plain loops over a handful of entries, no streams.

    public Optional<Actor> actor(String code) {
        for (Actor a : actors()) {
            if (a.code().equals(code)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public Optional<Dimension> dimension(String dimensionId) {
        for (Dimension d : dimensions()) {
            if (d.id().equals(dimensionId)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public boolean hasFront(String frontId) {
        for (Front f : fronts()) {
            if (f.id().equals(frontId)) {
                return true;
            }
        }
        return false;
    }

    public List<Actor> belligerents() {
        return actors().stream().filter(a -> a.role() == Role.BELLIGERENT).toList();
    }

    /** Whether {@code code} is one of the {@link #belligerents()}. */
    public boolean isBelligerent(String code) {
        for (Actor a : actors()) {
            if (a.role() == Role.BELLIGERENT && a.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** The sides the belligerents fight on, in the order they first appear. */
    public List<String> sides() {
        return belligerents().stream().map(Actor::sideOrCode).distinct().toList();
    }

    /** The belligerents on {@code side}. */
    public List<Actor> side(String side) {
        return belligerents().stream().filter(a -> a.sideOrCode().equals(side)).toList();
    }

    /** The belligerents on other sides than {@code actor}'s; empty for an actor that is not a belligerent. */
    public List<Actor> opponents(String actor) {
        Optional<Actor> a = actor(actor).filter(x -> x.role() == Role.BELLIGERENT);
        if (a.isEmpty()) {
            return List.of();
        }
        String side = a.get().sideOrCode();
        List<Actor> others = new ArrayList<>();
        for (Actor b : actors()) {
            if (b.role() == Role.BELLIGERENT && !b.sideOrCode().equals(side)) {
                others.add(b);
            }
        }
        return Collections.unmodifiableList(others);
    }

    /** Whether {@code other} is a belligerent on another side than {@code actor}'s (see {@link #opponents}). */
    public boolean opposes(String actor, String other) {
        for (Actor b : opponents(actor)) {
            if (b.code().equals(other)) {
                return true;
            }
        }
        return false;
    }
}
