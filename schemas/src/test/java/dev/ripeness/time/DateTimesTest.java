package dev.ripeness.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    @Test
    void shouldReadAnInstantWithAnyOffset() {
        assertThat(DateTimes.instant("2022-04-20T12:00:00Z")).isEqualTo(Instant.parse("2022-04-20T12:00:00Z"));
        assertThat(DateTimes.instant("2022-04-20T13:00:00+02:00")).isEqualTo(Instant.parse("2022-04-20T11:00:00Z"));
    }

    @Test
    void shouldReadADateTimeWithoutOffsetAsUtc() {
        assertThat(DateTimes.instant("2022-04-20T12:00")).isEqualTo(Instant.parse("2022-04-20T12:00:00Z"));
    }

    @Test
    void shouldReadADateAloneAsTheLastMillisecondOfThatDayUtc() {
        // Everything recorded on that day is known at that instant; nothing of the next day is.
        assertThat(DateTimes.instant("2022-04-20")).isEqualTo(Instant.parse("2022-04-20T23:59:59.999Z"));
    }

    @Test
    void shouldQuoteTheTextAndShowEveryFormWhenNoFormFits() {
        assertThatThrownBy(() -> DateTimes.instant("20.04.2022")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'20.04.2022' is not an ISO-8601 date-time; write it as 2022-04-20T12:00:00Z "
                        + "(or with another offset, e.g. +02:00), 2022-04-20T12:00 (UTC), or 2022-04-20 (the end of that day, UTC)");
    }

    @Test
    void shouldReadADayAndRefuseOneThatDoesNotExist() {
        assertThat(DateTimes.date("2022-04-20")).isEqualTo(LocalDate.of(2022, 4, 20));
        assertThatThrownBy(() -> DateTimes.date("2022-02-30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'2022-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2022-04-20");
    }
}
