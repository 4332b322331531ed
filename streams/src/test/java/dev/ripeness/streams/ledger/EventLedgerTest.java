package dev.ripeness.streams.ledger;

import static dev.ripeness.streams.TestEvents.CONFLICT;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Event;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.ledger.EventLedger.Changed;
import dev.ripeness.streams.ledger.EventLedger.Refused;
import dev.ripeness.streams.ledger.EventLedger.Unchanged;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLedgerTest {

    private final EventLedger ledger = EventLedger.of(TestEvents.catalog());

    private static Event strike(String id, String date) {
        return event(id, date, "SOU", "STRIKE").setTarget("NOR").build();
    }

    private List<String> effectiveIds() {
        return ledger.effective(CONFLICT).stream().map(Event::getEventId).toList();
    }

    @Test
    void shouldPutANewEventInEffectFromItsDateWhenItArrives() {
        assertThat(ledger.accept(strike("a", "2030-02-01"))).isEqualTo(new Changed(CONFLICT, LocalDate.parse("2030-02-01")));
        assertThat(ledger.accept(strike("b", "2030-01-01"))).isEqualTo(new Changed(CONFLICT, LocalDate.parse("2030-01-01")));

        assertThat(effectiveIds()).as("by date, then eventId").containsExactly("b", "a");
    }

    @Test
    void shouldChangeNothingWhenAnIdenticalDuplicateArrivesWithAnotherStamp() {
        Event first = strike("a", "2030-02-01");
        ledger.accept(first);

        assertThat(ledger.accept(Event.newBuilder(first).setRecordedAt(99L).setOrigin("re-import").build()))
                .isInstanceOf(Unchanged.class);
        assertThat(ledger.effective(CONFLICT)).containsExactly(first);
    }

    @Test
    void shouldKeepTheVersionWithTheLaterKnownSinceWhicheverArrivesFirst() {
        Event early = event("a", "2030-02-01", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-01T00:00:00Z").build();
        Event late = event("a", "2030-02-03", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-05T00:00:00Z").build();
        ledger.accept(late);

        EventLedger.Outcome refused = ledger.accept(early);

        assertThat(refused).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.violation().field()).isEqualTo("eventId");
            assertThat(r.violation().message()).contains("another version of event a is in effect").contains("corrects: a");
        });
        EventLedger other = EventLedger.of(TestEvents.catalog());
        other.accept(early);
        assertThat(other.accept(late)).as("the later version moves the event back from 02-03 to 02-01")
                .isEqualTo(new Changed(CONFLICT, LocalDate.parse("2030-02-01")));
        assertThat(other.effective(CONFLICT)).containsExactly(late);
        assertThat(ledger.effective(CONFLICT)).containsExactly(late);
    }

    @Test
    void shouldPutTheLatestCorrectionInEffectWhenItArrivesBeforeItsOriginal() {
        Event fix = event("a-fix", "2030-02-02", "SOU", "STRIKE").setTarget("NOR").setCorrects("a")
                .setKnownSince("2030-03-01T00:00:00Z").build();

        assertThat(ledger.accept(fix)).as("nothing in effect while the original is unknown").isInstanceOf(Unchanged.class);
        assertThat(ledger.accept(strike("a", "2030-02-01"))).isEqualTo(new Changed(CONFLICT, LocalDate.parse("2030-02-02")));
        assertThat(ledger.effective(CONFLICT)).containsExactly(fix);
    }

    @Test
    void shouldRestoreTheOriginalWhenItsCorrectionIsRetractedAndDropItWhenItIsRetracted() {
        ledger.accept(strike("a", "2030-02-01"));
        ledger.accept(event("a-fix", "2030-02-05", "SOU", "STRIKE").setTarget("NOR").setCorrects("a").build());
        assertThat(effectiveIds()).containsExactly("a-fix");

        assertThat(ledger.accept(event("a-fix-x", "2030-03-01", "SOU", "STATEMENT").setRetracts("a-fix").build()))
                .isEqualTo(new Changed(CONFLICT, LocalDate.parse("2030-02-01")));
        assertThat(effectiveIds()).containsExactly("a");

        assertThat(ledger.accept(event("a-x", "2030-03-02", "SOU", "STATEMENT").setRetracts("a").build()))
                .isEqualTo(new Changed(CONFLICT, LocalDate.parse("2030-02-01")));
        assertThat(ledger.effective(CONFLICT)).isEmpty();
    }

    @Test
    void shouldRefuseACorrectionOfACorrectionNamingTheOriginalInstead() {
        ledger.accept(strike("a", "2030-02-01"));
        ledger.accept(event("a-fix", "2030-02-05", "SOU", "STRIKE").setTarget("NOR").setCorrects("a").build());

        EventLedger.Outcome outcome = ledger.accept(event("a-fix-fix", "2030-02-06", "SOU", "STRIKE").setTarget("NOR")
                .setCorrects("a-fix").build());

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.violation().field()).isEqualTo("corrects");
            assertThat(r.violation().message()).isEqualTo("names a-fix, itself a correction or retraction; name the original event a instead");
        });
        assertThat(effectiveIds()).containsExactly("a-fix");
    }

    @Test
    void shouldRefuseWhatTheDoorRefusesNamingTheField() {
        EventLedger.Outcome outcome = ledger.accept(Event.newBuilder(strike("a", "2030-02-01")).setConflict("atlantis").build());

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.violation().field()).isEqualTo("conflict"));
        assertThat(ledger.effective("atlantis")).isEmpty();
    }

    @Test
    void shouldLeaveNoStaleDayRowWhenALaterVersionTurnsAnEventIntoACorrectionWhateverTheOrder() {
        Event a = strike("a", "2030-02-01");
        Event b = event("b", "2030-02-03", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-03T00:00:00Z").build();
        Event bFixesA = event("b", "2030-02-05", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-06T00:00:00Z")
                .setCorrects("a").build();
        Event retractB = event("r", "2030-02-07", "NOR", "STATEMENT").setRetracts("b").build();
        List<List<Event>> orders = List.of(List.of(a, b, bFixesA), List.of(bFixesA, b, a), List.of(b, a, bFixesA),
                List.of(b, bFixesA, a));
        for (List<Event> order : orders) {
            EventLedger withoutRetraction = EventLedger.of(TestEvents.catalog());
            order.forEach(withoutRetraction::accept);
            assertThat(withoutRetraction.effective(CONFLICT)).as("b's second version corrects a: only it is in effect")
                    .containsExactly(bFixesA);
            for (int at = 0; at <= order.size(); at++) {
                EventLedger ledger = EventLedger.of(TestEvents.catalog());
                List<Event> arrival = new java.util.ArrayList<>(order);
                arrival.add(at, retractB);
                arrival.forEach(ledger::accept);
                assertThat(ledger.effective(CONFLICT)).as("retracting b's correction restores a, arrival %s",
                        arrival.stream().map(e -> e.getEventId() + "@" + e.getDate()).toList()).containsExactly(a);
            }
        }
    }
}
