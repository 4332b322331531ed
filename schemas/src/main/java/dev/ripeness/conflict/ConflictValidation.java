package dev.ripeness.conflict;

import java.util.HashSet;
import java.util.Set;

/** Structural checks on a conflict file, so that a typo fails at load time with its place named. */
final class ConflictValidation {

    private ConflictValidation() {}

    static void check(ConflictConfig c, String where) {
        require(c.id() != null && c.id().matches("[a-z0-9][a-z0-9-]*"), where, "id",
                "must be lower-case letters, digits and dashes, e.g. \"russia-ukraine\"");
        Set<String> codes = new HashSet<>();
        for (ConflictConfig.Actor a : c.actors()) {
            require(a.code() != null && !a.code().isBlank(), where, "actors[].code", "every actor needs a code");
            require(codes.add(a.code()), where, "actors[].code", "duplicate actor code " + a.code());
            require(a.role() != null, where, "actors[" + a.code() + "].role", "set BELLIGERENT, MEDIATOR or SUPPORTER");
            require(a.role() != ConflictConfig.Role.BELLIGERENT || a.demandDirection() != null, where,
                    "actors[" + a.code() + "].demandDirection", "a belligerent needs UP or DOWN");
        }
        require(c.belligerents().size() >= 2, where, "actors", "a conflict needs at least two BELLIGERENT actors");
        require(c.sides().size() >= 2, where, "actors[].side", "the belligerents are all on one side; give the opposing belligerents different `side` values");
        for (String side : c.sides()) {
            require(c.side(side).stream().map(ConflictConfig.Actor::demandDirection).distinct().count() == 1, where,
                    "actors[].side", "the belligerents of side `" + side + "` have different demandDirection; allies share one");
        }
        Set<String> dims = new HashSet<>();
        for (ConflictConfig.Dimension d : c.dimensions()) {
            require(d.id() != null && dims.add(d.id()), where, "dimensions[].id", "missing or duplicate dimension id " + d.id());
            require(d.rungs() != null && d.rungs().size() >= 2, where, "dimensions[" + d.id() + "].rungs", "a ladder needs at least two rungs");
            Set<String> rungs = new HashSet<>();
            d.rungs().forEach(r -> require(r.id() != null && rungs.add(r.id()), where,
                    "dimensions[" + d.id() + "].rungs[].id", "missing or duplicate rung id " + r.id()));
        }
        Set<String> fronts = new HashSet<>();
        c.fronts().forEach(f -> require(f.id() != null && fronts.add(f.id()), where, "fronts[].id", "missing or duplicate front id " + f.id()));
        ConflictConfig.Upstream u = c.upstream();
        u.ucdpConflictIds().forEach(id -> require(id != null && id > 0, where, "upstream.ucdpConflictIds",
                "UCDP conflict_new_id values are positive whole numbers, e.g. 259"));
        u.ucdpDyadIds().forEach(id -> require(id != null && id > 0, where, "upstream.ucdpDyadIds",
                "UCDP dyad_new_id values are positive whole numbers"));
        u.countries().forEach(n -> require(n != null && !n.isBlank(), where, "upstream.countries",
                "country names are non-empty, e.g. \"Ukraine\""));
        u.gdeltActorCodes().forEach(code -> require(code != null && code.matches("[A-Z]{3}"), where, "upstream.gdeltActorCodes",
                "GDELT actor country codes are three capital letters (CAMEO), e.g. \"UKR\""));
        u.gdeltActionCountries().forEach(code -> require(code != null && code.matches("[A-Z]{2}"), where, "upstream.gdeltActionCountries",
                "GDELT ActionGeo_CountryCode values are two capital letters (FIPS 10-4), e.g. \"UP\" for Ukraine"));
    }

    private static void require(boolean ok, String where, String field, String fix) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": field `" + field + "`: " + fix);
        }
    }
}
