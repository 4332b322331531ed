package dev.ripeness.cli;

import dev.ripeness.time.DateTimes;
import java.time.Instant;
import java.time.LocalDate;

/** Date and date-time options read by the one parser the API uses too, its error naming the option. */
final class DateOptions {

    private DateOptions() {}

    /** {@code text} of {@code option} as an instant ({@link DateTimes#instant}). */
    static Instant instant(String option, String text) {
        try {
            return DateTimes.instant(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }

    /** {@code text} of {@code option} as a day ({@link DateTimes#date}). */
    static LocalDate date(String option, String text) {
        try {
            return DateTimes.date(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }
}
