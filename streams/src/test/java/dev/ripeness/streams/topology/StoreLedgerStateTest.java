package dev.ripeness.streams.topology;

import static dev.ripeness.streams.TestEvents.CONFLICT;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.Event;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.streams.ledger.EventLedger;
import dev.ripeness.streams.ledger.MemoryLedgerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger over the processor's RocksDB stores decides as the ledger over maps does, event by
 * event, however the events arrive and wherever the processor restarts (a restart builds a new
 * {@link StoreLedgerState} over the stores' rows, as {@code init} does after a restart or a move).
 * What this guards: the state's shortcuts — the set of targets named in {@code event-refs},
 * which lets a new event skip the prefix scan, and the ledger's per-event reads.
 */
class StoreLedgerStateTest {

    private Path dir;
    private final List<KeyValueStore<String, byte[]>> stores = new ArrayList<>();
    private KeyValueStore<String, byte[]> events;
    private KeyValueStore<String, byte[]> refs;
    private KeyValueStore<String, byte[]> dayEvents;

    @BeforeEach
    void openStores() throws IOException {
        dir = Files.createTempDirectory("ripeness-ledger-state");
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>(new java.util.Properties(),
                new TaskId(0, 0), dir.toFile());
        events = TestStores.persistent(context, StoreNames.EVENTS);
        refs = TestStores.persistent(context, StoreNames.REFS);
        dayEvents = TestStores.persistent(context, StoreNames.DAY_EVENTS);
        stores.addAll(List.of(events, refs, dayEvents));
    }

    @AfterEach
    void closeStores() throws IOException {
        stores.forEach(KeyValueStore::close);
        stores.clear();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Named targets the state keeps before it scans for every look-up. */
    private int maxNamed = StoreLedgerState.MAX_NAMED;

    /** The ledger as the processor builds it in {@code init}: over a new state read from the stores. */
    private EventLedger restarted() {
        return EventLedger.over(TestEvents.catalog(), new StoreLedgerState(events, refs, dayEvents, maxNamed));
    }

    private static Event strike(String id, String date) {
        return event(id, date, "SOU", "STRIKE").setTarget("NOR").build();
    }

    /** Originals, their corrections and retractions (some arriving first), duplicates, versions, refusals. */
    private static List<Event> eventSet() {
        List<Event> set = new ArrayList<>();
        Event a = strike("a", "2030-02-01");
        set.add(a);
        set.add(Event.newBuilder(a).setRecordedAt(99L).setOrigin("re-import").build()); // duplicate
        set.add(strike("b", "2030-02-03"));
        set.add(strike("c", "2030-02-04"));
        set.add(strike("d", "2030-02-06"));
        set.add(event("a-fix1", "2030-02-02", "SOU", "STRIKE").setTarget("NOR").setCorrects("a")
                .setKnownSince("2030-02-10T00:00:00Z").build());
        set.add(event("a-fix2", "2030-01-20", "SOU", "STRIKE").setTarget("NOR").setCorrects("a")
                .setKnownSince("2030-02-12T00:00:00Z").build());
        set.add(event("a-fix2-x", "2030-03-01", "NOR", "STATEMENT").setRetracts("a-fix2").build()); // a correction retracted
        set.add(event("a-fix1-fix", "2030-02-09", "SOU", "STRIKE").setTarget("NOR").setCorrects("a-fix1").build()); // refused once a-fix1 is known
        set.add(event("c-x", "2030-03-02", "NOR", "STATEMENT").setRetracts("c").build());
        set.add(event("c-x-x", "2030-03-03", "NOR", "STATEMENT").setRetracts("c-x").build()); // refused once c-x is known
        // b's later version turns it into a correction of d; an earlier version of d arrives too
        set.add(event("b", "2030-02-08", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-09T00:00:00Z")
                .setCorrects("d").build());
        set.add(event("d", "2030-02-05", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-01-01T00:00:00Z").build());
        set.add(event("e-fix", "2030-02-11", "SOU", "STRIKE").setTarget("NOR").setCorrects("e").build()); // names an event never sent
        // f's later version, on the same date, turns it into a correction of b, whose id sorts first
        set.add(strike("f", "2030-02-07"));
        set.add(event("f", "2030-02-07", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-09T00:00:00Z")
                .setCorrects("b").build());
        return set;
    }

    @Test
    void shouldDecideAsTheLedgerInMemoryWhenTooManyTargetsAreNamedToKeepThemAll() throws IOException {
        maxNamed = 1; // the events name several targets: the state drops its set, on start or as it grows
        shouldDecideEveryEventAsTheLedgerInMemoryWhateverTheOrderAndWhereverItRestarts();
    }

    @Test
    void shouldDecideEveryEventAsTheLedgerInMemoryWhateverTheOrderAndWhereverItRestarts() throws IOException {
        int restarts = 0;
        int named = 0;
        for (int seed = 0; seed < 60; seed++) {
            closeStores();
            openStores();
            Random random = new Random(seed);
            List<Event> arrival = eventSet();
            Collections.shuffle(arrival, random);
            MemoryLedgerState memoryState = new MemoryLedgerState();
            EventLedger memory = EventLedger.over(TestEvents.catalog(), memoryState);
            EventLedger stored = restarted();
            for (Event e : arrival) {
                if (random.nextInt(3) == 0) {
                    stored = restarted();
                    restarts++;
                }
                EventLedger.Outcome expected = memory.accept(e);
                assertThat(stored.accept(e)).as("seed %d: %s", seed, e.getEventId()).isEqualTo(expected);
                assertThat(stored.effective(CONFLICT)).as("seed %d: in effect after %s", seed, e.getEventId())
                        .isEqualTo(memory.effective(CONFLICT));
                // Every id row read back (whole, or through its day row) gives the accepted version.
                StoreLedgerState reread = new StoreLedgerState(events, refs, dayEvents, maxNamed);
                for (Event any : arrival) {
                    assertThat(reread.event(any.getEventId())).as("seed %d: %s after %s", seed, any.getEventId(), e.getEventId())
                            .isEqualTo(memoryState.event(any.getEventId()));
                }
            }
            List<String> ids = arrival.stream().map(Event::getEventId).toList();
            if (Math.min(ids.indexOf("a-fix1"), ids.indexOf("a-fix2")) < ids.indexOf("a")) {
                named++; // a correction of `a` arrived before it: its refs row must be found when `a` arrives
            }
        }
        assertThat(restarts).isPositive();
        assertThat(named).as("seeds where a correction arrived before its original").isPositive();
    }

    @Test
    void shouldKeepAnEventInEffectOnlyInItsDayRowAndOneOutOfEffectWhole() {
        EventLedger ledger = restarted();
        Event a = strike("a", "2030-02-01");
        Event fix = event("a-fix", "2030-02-02", "SOU", "STRIKE").setTarget("NOR").setCorrects("a").build();
        ledger.accept(a);
        assertThat(EventRows.isPointer(events.get("a"))).as("a new event's id row points to its day row").isTrue();
        assertThat(events.get("a")).as("a zero byte and the day row's date key, not the event")
                .hasSize(1 + StoreNames.dateKey(CONFLICT, "2030-02-01").length());
        assertThat(EventRows.dayEventKey(events.get("a"), "a")).isEqualTo(StoreNames.dayEventKey(CONFLICT, "2030-02-01", "a"));
        assertThat(Codecs.event(dayEvents.get(StoreNames.dayEventKey(CONFLICT, "2030-02-01", "a")))).isEqualTo(a);

        ledger.accept(fix);
        assertThat(Codecs.event(events.get("a"))).as("a corrected original leaves its day row and is kept whole").isEqualTo(a);
        assertThat(EventRows.dayEventKey(events.get("a-fix"), "a-fix")).isEqualTo(StoreNames.dayEventKey(CONFLICT, "2030-02-02", "a-fix"));

        ledger.accept(event("a-fix-x", "2030-03-01", "NOR", "STATEMENT").setRetracts("a-fix").build());
        assertThat(Codecs.event(events.get("a-fix"))).as("a retracted correction is kept whole").isEqualTo(fix);
        assertThat(EventRows.isPointer(events.get("a"))).as("its original is in effect again").isTrue();
        assertThat(restarted().effective(CONFLICT)).containsExactly(a);
    }

    @Test
    void shouldKeepAVersionInEffectThatTurnsItsEventIntoACorrectionOnTheSameDate() {
        Event a = strike("a", "2030-02-01");
        Event b = strike("b", "2030-02-03");
        Event b2 = event("b", "2030-02-03", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-09T00:00:00Z")
                .setCorrects("a").build();
        MemoryLedgerState memoryState = new MemoryLedgerState();
        for (EventLedger ledger : List.of(EventLedger.over(TestEvents.catalog(), memoryState), restarted())) {
            ledger.accept(a);
            ledger.accept(b);
            // a's subject moves in first (a → b2, row C|02-03|b), b's after (b → nothing): b's old row has b2's key
            assertThat(ledger.accept(b2)).isEqualTo(new EventLedger.Changed(CONFLICT, java.time.LocalDate.parse("2030-02-01")));
            assertThat(ledger.effective(CONFLICT)).as("b2 corrects a; b itself is no longer an original").containsExactly(b2);
        }
        assertThat(restarted().effective(CONFLICT)).containsExactly(b2);
        assertThat(new StoreLedgerState(events, refs, dayEvents).event("b")).isEqualTo(b2);
    }

    @Test
    void shouldReadAnEventStoredWholeByAnEarlierRelease() {
        Event a = strike("a", "2030-02-01");
        events.put("a", Codecs.EVENT.encode(a)); // as releases before pointer rows kept every event
        dayEvents.put(StoreNames.dayEventKey(CONFLICT, "2030-02-01", "a"), Codecs.EVENT.encode(a));

        EventLedger ledger = restarted();
        assertThat(ledger.accept(Event.newBuilder(a).setRecordedAt(99L).build())).as("a duplicate").isInstanceOf(EventLedger.Unchanged.class);
        Event later = event("a", "2030-02-03", "SOU", "STRIKE").setTarget("NOR").setKnownSince("2030-02-09T00:00:00Z").build();
        ledger.accept(later);
        assertThat(restarted().effective(CONFLICT)).containsExactly(later);
        assertThat(EventRows.isPointer(events.get("a"))).isTrue();
    }

    @Test
    void shouldPutACorrectionThatArrivedBeforeARestartInEffectWhenItsOriginalArrivesAfter() {
        Event fix = event("a-fix", "2030-02-02", "SOU", "STRIKE").setTarget("NOR").setCorrects("a").build();
        restarted().accept(fix);
        Event retraction = event("b-x", "2030-03-01", "NOR", "STATEMENT").setRetracts("b").build();
        restarted().accept(retraction);

        EventLedger ledger = restarted();
        ledger.accept(strike("a", "2030-02-01"));
        ledger.accept(strike("b", "2030-02-03"));
        ledger.accept(strike("c", "2030-02-04"));

        assertThat(ledger.effective(CONFLICT)).as("a corrected, b retracted, c as sent")
                .containsExactly(fix, strike("c", "2030-02-04"));
    }
}
