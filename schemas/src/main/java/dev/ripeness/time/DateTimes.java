package dev.ripeness.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the days and moments people write as arguments and query parameters. A failure is
 * an {@link IllegalArgumentException} whose message quotes the text and shows the forms that
 * work; callers put the option or parameter name in front of it, so every command and the
 * API answer with the same words.
 */
public final class DateTimes {

    private DateTimes() {}

    /**
     * {@code 2022-04-20T12:00:00Z} (or another offset, e.g. {@code +02:00}),
     * {@code 2022-04-20T12:00} (UTC), or a date alone, {@code 2022-04-20}, meaning the end of
     * that day UTC (its last millisecond: everything recorded on that day).
     *
     * @throws IllegalArgumentException when {@code text} is none of these
     */
    public static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date-time; write it as 2022-04-20T12:00:00Z "
                    + "(or with another offset, e.g. +02:00), 2022-04-20T12:00 (UTC), or 2022-04-20 (the end of that day, UTC)", e);
        }
    }

    /**
     * A calendar day written {@code YYYY-MM-DD}, e.g. {@code 2022-04-20}.
     *
     * @throws IllegalArgumentException when {@code text} is not a real day in that form
     */
    public static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2022-04-20", e);
        }
    }
}
