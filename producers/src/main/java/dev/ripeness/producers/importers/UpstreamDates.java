package dev.ripeness.producers.importers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates upstream files carry after exports and spreadsheet round-trips:
 * {@code 2024-02-16} (with or without a time), {@code 16 May 2025}, {@code 9-May-20},
 * {@code 20240216}, and numeric dates {@code 16/02/2024 00:00:00}, {@code 2/16/2024},
 * {@code 1/22/2014 12:00:00 AM}, {@code 31-12-19} (a spreadsheet's re-save of ACLED's 2019 layout). A slashed date is day-first or month-first: one instance
 * reads one file and learns the order from the first date whose day is over 12; until then an
 * ambiguous date is read day-first when it carries a 24-hour time (ACLED's API CSV) or dashes
 * or dots, and month-first otherwise (US spreadsheets).
 */
public final class UpstreamDates {

    private static final DateTimeFormatter LONG = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d MMMM uuuu").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_MONTH = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-").appendValueReduced(java.time.temporal.ChronoField.YEAR, 2, 2, 1950)
            .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_MONTH_LONG_YEAR = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-uuuu").toFormatter(Locale.ENGLISH);
    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})([ T].*)?");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(\\s+(\\d{1,2}):\\d{2}(:\\d{2})?\\s*([AaPp][Mm])?)?");

    private enum Order { UNKNOWN, DAY_FIRST, MONTH_FIRST }

    private Order order = Order.UNKNOWN;

    /** The calendar day of {@code text}, or a rejection naming {@code field} and the forms accepted. */
    public LocalDate day(String text, String field) throws RowRejected {
        String t = text == null ? "" : text.strip();
        try {
            Matcher iso = ISO.matcher(t);
            if (iso.matches()) {
                return LocalDate.parse(iso.group(1));
            }
            if (t.matches("\\d{8}")) {
                return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
            }
            Matcher s = SLASHED.matcher(t);
            if (s.matches()) {
                return slashed(s);
            }
            if (t.matches("\\d{1,2} [A-Za-z]+ \\d{4}")) {
                return LocalDate.parse(t, LONG);
            }
            if (t.matches("\\d{1,2}-[A-Za-z]{3}-\\d{2}")) {
                return LocalDate.parse(t, SHORT_MONTH);
            }
            if (t.matches("\\d{1,2}-[A-Za-z]{3}-\\d{4}")) {
                return LocalDate.parse(t, SHORT_MONTH_LONG_YEAR);
            }
        } catch (java.time.DateTimeException e) {
            throw new RowRejected(field, "`" + t + "` is not a valid date: " + e.getMessage());
        }
        throw new RowRejected(field, "`" + t + "` is not a date in a known form (2024-02-16, 16 May 2025, 9-May-20, "
                + "16/02/2024 00:00:00, 2/16/2024, 31-12-19, 20240216)");
    }

    private LocalDate slashed(Matcher s) {
        int a = Integer.parseInt(s.group(1));
        int b = Integer.parseInt(s.group(3));
        int year = Integer.parseInt(s.group(4));
        if (year < 100) {
            year += year >= 50 ? 1900 : 2000;
        }
        if (a > 12 && order == Order.UNKNOWN) {
            order = Order.DAY_FIRST;
        } else if (b > 12 && order == Order.UNKNOWN) {
            order = Order.MONTH_FIRST;
        }
        Order use = order;
        if (use == Order.UNKNOWN) {
            boolean twentyFourHour = s.group(5) != null && s.group(8) == null;
            boolean european = !"/".equals(s.group(2)); // 31-12-19, 31.12.2019: day first in every locale that writes them
            use = twentyFourHour || european ? Order.DAY_FIRST : Order.MONTH_FIRST;
        }
        return use == Order.DAY_FIRST ? LocalDate.of(year, b, a) : LocalDate.of(year, a, b);
    }

    /**
     * An instant from epoch seconds (ACLED {@code timestamp}) or a date with an optional time
     * read as UTC; the day alone gives its start.
     */
    public Instant instant(String text, String field) throws RowRejected {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{9,11}")) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        if (t.matches("\\d{12,14}")) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        Matcher iso = ISO.matcher(t);
        if (iso.matches() && iso.group(2) != null) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T').replaceAll("Z$", "")).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // fall through to the day alone
            }
        }
        return day(t, field).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
