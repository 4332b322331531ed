package dev.ripeness.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * How closely an event's coordinates stand for where it happened ({@code location.precision}).
 * The importers translate each data set's own code into these (docs/importers.md); the
 * dashboard draws the two coarse ones as hollow rings, since their point is a centre, not a place.
 */
public enum LocationPrecision {
    /** The source names the place itself (a town, a village). */
    EXACT,
    /** Near a named place, within about 25 km. */
    NEAR,
    /** Only an administrative area (district, province) is known; the point is its centre. */
    REGION,
    /** Only the country is known; the point is its centre. */
    COUNTRY;

    /** The precision named {@code name} exactly (upper case), or empty. */
    public static Optional<LocationPrecision> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
