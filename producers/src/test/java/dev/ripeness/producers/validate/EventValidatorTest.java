package dev.ripeness.producers.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.event.EventValidator;
import dev.ripeness.event.Violation;
import dev.ripeness.producers.TestConflicts;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.schema.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator(TestConflicts.catalog(),
            Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), ZoneOffset.UTC));

    private static final String BASE = "{\"eventId\":\"v-1\",\"date\":\"2022-09-30\",\"conflict\":\"testwar\",\"actor\":\"RU\","
            + "\"target\":\"UA\",\"type\":\"ANNEXATION\",\"front\":\"south\","
            + "\"positions\":[{\"dimension\":\"territory\",\"demand\":\"D\"}],\"sources\":[\"s\"],\"confidence\":0.9}";

    private Optional<Violation> check(String json) throws Exception {
        return validator.check(EventJson.parse(json));
    }

    @Test
    void shouldAcceptWhenEveryRuleHolds() throws Exception {
        assertThat(check(BASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "\"date\":\"2022-09-30\"|\"date\":\"2022-02-30\"|date|`2022-02-30` is not a date",
            "\"date\":\"2022-09-30\"|\"date\":\"30.09.2022\"|date|`30.09.2022` is not a date in the form YYYY-MM-DD",
            "\"date\":\"2022-09-30\"|\"date\":\"1899-12-31\"|date|`1899-12-31` is outside 1900-01-01 .. 2026-01-11",
            "\"date\":\"2022-09-30\"|\"date\":\"2026-01-12\"|date|`2026-01-12` is outside",
            "\"eventId\":\"v-1\"|\"eventId\":\"has space\"|eventId|`has space` is not an event id",
            "\"eventId\":\"v-1\"|\"eventId\":\" \"|eventId|is required",
            "\"conflict\":\"testwar\"|\"conflict\":\"narnia\"|conflict|`narnia` is not a known conflict",
            "\"actor\":\"RU\"|\"actor\":\"XX\"|actor|`XX` is not an actor of testwar",
            "\"target\":\"UA\"|\"target\":\"YY\"|target|`YY` is not an actor of testwar",
            "\"type\":\"ANNEXATION\"|\"type\":\"ANNEX\"|type|`ANNEX` is not an event type",
            "\"front\":\"south\"|\"front\":\"north\"|front|`north` is not a front of testwar",
            "\"dimension\":\"territory\"|\"dimension\":\"money\"|positions[0].dimension|`money` is not a dimension of testwar",
            "\"demand\":\"D\"|\"demand\":\"Z\"|positions[0].demand|`Z` is not a rung of dimension territory",
            "\"demand\":\"D\"|\"accept\":null|positions[0]|names neither a `demand` nor an `accept` rung",
            "\"sources\":[\"s\"]|\"sources\":[\" \"]|sources|name at least one source",
            "\"confidence\":0.9|\"confidence\":1.5|confidence|`1.5` must be between 0 and 1",
            "\"confidence\":0.9|\"confidence\":0.9,\"intensity\":-0.1|intensity|`-0.1` must be between 0 and 1",
            "\"confidence\":0.9|\"confidence\":0.9,\"casualties\":-3|casualties|`-3` must be between 0 and",
            "\"confidence\":0.9|\"confidence\":0.9,\"areaKm2\":9e99|areaKm2|must be a finite number",
            "\"type\":\"ANNEXATION\"|\"type\":\"CONTROL_SNAPSHOT\"|areaKm2|is required for CONTROL_SNAPSHOT",
            "\"type\":\"ANNEXATION\"|\"type\":\"CONTROL_SNAPSHOT\",\"areaKm2\":-5|areaKm2|is negative",
            "\"type\":\"ANNEXATION\"|\"type\":\"MEDIATOR_STANCE\"|intensity|is required for MEDIATOR_STANCE",
            "\"confidence\":0.9|\"confidence\":0.9,\"corrects\":\"v-1\"|corrects|is this event's own id",
            "\"confidence\":0.9|\"confidence\":0.9,\"retracts\":\"bad id\"|retracts|`bad id` is not an event id",
            "\"confidence\":0.9|\"confidence\":0.9,\"retracts\":\"a\",\"corrects\":\"b\"|retracts|either corrects or retracts",
            "\"confidence\":0.9|\"confidence\":0.9,\"knownSince\":\"yesterday\"|knownSince|`yesterday` is not an ISO-8601 instant",
            "\"date\":\"2022-09-30\"|\"date\":\"2022-09-01\",\"datePrecision\":\"WEEK\"|datePrecision|must be DAY, MONTH (date = the 1st) or YEAR",
            "\"demand\":\"D\"|\"demand\":\"D\",\"actor\":\"US\"|positions[0].actor|`US` is not a belligerent of testwar",
            "\"confidence\":0.9|\"confidence\":0.9,\"location\":{\"latitude\":91,\"longitude\":30}|location.latitude|`91.0` must be degrees north between -90 and 90",
            "\"confidence\":0.9|\"confidence\":0.9,\"location\":{\"latitude\":-90.5,\"longitude\":30}|location.latitude|is it swapped with the longitude?",
            "\"confidence\":0.9|\"confidence\":0.9,\"location\":{\"latitude\":48,\"longitude\":180.01}|location.longitude|`180.01` must be degrees east between -180 and 180",
            "\"confidence\":0.9|\"confidence\":0.9,\"location\":{\"latitude\":48,\"longitude\":35,\"precision\":\"near\"}|location.precision|`near` must be one of [EXACT, NEAR, REGION, COUNTRY]",
    })
    void shouldRejectWithFieldAndReasonWhenARuleIsBroken(String from, String to, String field, String reason) throws Exception {
        String json = BASE.replace(from, to);
        assertThat(json).isNotEqualTo(BASE);
        Optional<Violation> v = check(json);
        assertThat(v).isPresent();
        assertThat(v.get().field()).isEqualTo(field);
        assertThat(v.get().message()).contains(reason);
    }

    @Test
    void shouldAcceptALocationAtTheEdgesOfTheRangesWithOrWithoutPlaceAndPrecision() throws Exception {
        String open = BASE.substring(0, BASE.length() - 1);
        assertThat(check(open + ",\"location\":{\"latitude\":-90,\"longitude\":180}}")).isEmpty();
        assertThat(check(open + ",\"location\":{\"latitude\":90,\"longitude\":-180,\"place\":\"Pole\",\"precision\":\"EXACT\"}}"))
                .isEmpty();
    }

    @Test
    void shouldRejectRepeatedDimensionWhenOneEventStatesItTwice() throws Exception {
        String json = BASE.replace("[{\"dimension\":\"territory\",\"demand\":\"D\"}]",
                "[{\"dimension\":\"territory\",\"demand\":\"D\"},{\"dimension\":\"territory\",\"accept\":\"A\"}]");
        assertThat(check(json)).get().extracting(Violation::field).isEqualTo("positions[1].dimension");
    }

    @Test
    void shouldAcceptAnAgreementCarryingBothSidesPositionsAndAnOldMonthDate() throws Exception {
        String json = BASE.replace("\"date\":\"2022-09-30\"", "\"date\":\"1912-10-01\",\"datePrecision\":\"MONTH\"")
                .replace("\"type\":\"ANNEXATION\"", "\"type\":\"AGREEMENT\"")
                .replace("[{\"dimension\":\"territory\",\"demand\":\"D\"}]",
                        "[{\"dimension\":\"territory\",\"accept\":\"B\",\"actor\":\"RU\"},{\"dimension\":\"territory\",\"accept\":\"B\",\"actor\":\"UA\"}]");

        assertThat(check(json)).isEmpty();
    }

    @Test
    void shouldRejectNullRequiredFieldsWhenEventComesFromJavaApi() {
        Event e = new Event();
        assertThat(validator.check(e)).get().extracting(Violation::describe).isEqualTo("field `eventId`: is required");
    }
}
