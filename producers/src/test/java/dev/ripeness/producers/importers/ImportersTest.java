package dev.ripeness.producers.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.TestConflicts;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.importers.acled.AcledImporter;
import dev.ripeness.producers.importers.gdelt.GdeltImporter;
import dev.ripeness.producers.importers.ucdp.UcdpImporter;
import dev.ripeness.event.EventValidator;
import dev.ripeness.schema.Event;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportersTest {

    private final EventValidator validator = new EventValidator(TestConflicts.catalog());

    private static Reader sample(String name) {
        return new InputStreamReader(ImportersTest.class.getClassLoader().getResourceAsStream("samples/" + name), StandardCharsets.UTF_8);
    }

    private static ImportContext context(String importer, EventLogIndex log) {
        return new ImportContext(TestConflicts.testwar(), Mapping.load(importer, null), log);
    }

    private List<Offer> read(Importer importer, String file) {
        List<Offer> out = new ArrayList<>();
        importer.read(sample(file), file).forEachRemaining(out::add);
        // every event an importer produces must pass the same validation as hand-written ones
        out.stream().filter(o -> o.event() != null).forEach(o -> assertThat(validator.check(o.event())).as(o.where()).isEmpty());
        return out;
    }

    @Test
    void shouldMapAcledRowsAndTurnRevisionIntoCorrectionWhenSameIdHasNewerTimestamp() {
        List<Offer> offers = read(new AcledImporter(context("acled", EventLogIndex.empty())), "acled-export.csv");
        assertThat(offers).extracting(Offer::where).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6");

        Event first = offers.get(0).event();
        assertThat(first.getEventId()).isEqualTo("acled:UKR1001@1663027200");
        assertThat(first.getUpstreamId()).isEqualTo("acled:UKR1001");
        assertThat(first.getKnownSince()).isEqualTo("2022-09-13T00:00:00Z");
        assertThat(first.getType()).isEqualTo("SETTLEMENT_CAPTURED");
        assertThat(first.getActor()).isEqualTo("UA");
        assertThat(first.getTarget()).isEqualTo("RU");
        assertThat(first.getFront()).isEqualTo("kharkiv");
        assertThat(first.getDate()).isEqualTo("2022-09-08");
        assertThat(first.getSources()).containsExactly("ACLED UKR1001", "Ukrinform", "Kyiv Independent");
        assertThat(first.getConfidence()).isEqualTo(0.8);
        assertThat(first.getCorrects()).isNull();

        Event strike = offers.get(1).event();
        assertThat(strike.getDate()).as("`10 September 2022` form").isEqualTo("2022-09-10");
        assertThat(strike.getType()).isEqualTo("STRIKE");
        assertThat(strike.getTarget()).isEqualTo("CIV");
        assertThat(strike.getCasualties()).isEqualTo(3L);

        assertThat(offers.get(2).problem()).as("a protest is out of scope, not an error").isNull();
        assertThat(offers.get(2).filtered()).isEqualTo("protests are outside the model's scope — Protests/Peaceful protest");

        Event revision = offers.get(3).event();
        assertThat(revision.getEventId()).isEqualTo("acled:UKR1001@1664236800");
        assertThat(revision.getCorrects()).isEqualTo("acled:UKR1001@1663027200");
        assertThat(revision.getKnownSince()).isEqualTo("2022-09-27T00:00:00Z");
        assertThat(revision.getCasualties()).isEqualTo(2L);

        assertThat(offers.get(4).filtered()).startsWith("actor1 is not an actor of testwar").endsWith("— Wagner Group");
        assertThat(new String(offers.get(4).original(), StandardCharsets.UTF_8)).startsWith("UKR1004,2022-09-12,");
    }

    @Test
    void shouldRetractLatestVersionWhenAcledDeletesAnEventKnownInTheLog() {
        // Given a log holding the imported export
        EventLogIndex log = EventLogIndex.empty();
        read(new AcledImporter(context("acled", EventLogIndex.empty())), "acled-export.csv").stream()
                .filter(o -> o.event() != null).forEach(o -> log.add(o.event()));
        // When the deleted-events list is imported
        List<Offer> offers = read(new AcledImporter(context("acled", log)), "acled-deleted.csv");
        // Then the known event is retracted by a new event and the unknown one is rejected
        Event retraction = offers.get(0).event();
        assertThat(retraction.getEventId()).isEqualTo("acled:UKR1002@deleted-1665000000");
        assertThat(retraction.getRetracts()).isEqualTo("acled:UKR1002@1663200000");
        assertThat(retraction.getUpstreamId()).isEqualTo("acled:UKR1002");
        assertThat(retraction.getKnownSince()).isEqualTo("2022-10-05T20:00:00Z");
        assertThat(retraction.getDate()).isEqualTo("2022-09-10");
        assertThat(offers.get(1).problem().message()).isEqualTo("ACLED deleted UKR9999 but no version of it is in this file or in the log; nothing to retract");
    }

    @Test
    void shouldCorrectVersionInTheLogAndKeepReimportsAsDuplicatesWhenExportIsFedAgain() {
        EventLogIndex log = EventLogIndex.empty();
        List<Offer> firstRun = read(new AcledImporter(context("acled", EventLogIndex.empty())), "acled-export.csv");
        log.add(firstRun.get(0).event()); // only the first version of UKR1001 reached the log
        List<Offer> again = read(new AcledImporter(context("acled", log)), "acled-export.csv");
        assertThat(again.get(0).event().getEventId()).as("same version, same id: a duplicate").isEqualTo("acled:UKR1001@1663027200");
        assertThat(again.get(3).event().getCorrects()).isEqualTo("acled:UKR1001@1663027200");
    }

    @Test
    void shouldMergeKeptGdeltRecordsIntoOneEventPerDayPairAndTypeAndFilterOtherPairs() {
        List<Offer> offers = read(new GdeltImporter(context("gdelt", EventLogIndex.empty())), "gdelt-events.CSV");
        // rows first (merged, rejected or filtered), then one aggregate per day, pair and type
        assertThat(offers.get(0).filtered()).startsWith("merged into a daily aggregate");
        assertThat(offers.get(3).problem().message()).startsWith("has 58 tab-separated columns; a GDELT 2.0 event record has 61");
        assertThat(offers.get(4).filtered()).as("Canada is no belligerent of testwar").startsWith("actor pair outside testwar").endsWith("CAN–UKR");
        List<Event> events = offers.stream().filter(o -> o.event() != null).map(Offer::event).toList();
        assertThat(events).hasSize(3);
        Event talks = events.get(0);
        assertThat(talks.getEventId()).startsWith("gdelt:2022-03-29:UA-RU:NEGOTIATION_ROUND@");
        assertThat(talks.getUpstreamId()).isEqualTo("gdelt:2022-03-29:UA-RU:NEGOTIATION_ROUND");
        assertThat(talks.getType()).isEqualTo("NEGOTIATION_ROUND");
        assertThat(talks.getKnownSince()).isEqualTo("2022-03-29T12:00:00Z");
        assertThat(talks.getIntensity()).isEqualTo(0.7);
        assertThat(talks.getDescription()).startsWith("1 GDELT 2.0 record UA -> RU: CAMEO 046×1 (QuadClass 1, mean Goldstein 7.0");
        Event truce = events.get(1);
        assertThat(truce.getType()).as("leading-zero leaf code 0871").isEqualTo("AGREEMENT");
        assertThat(truce.getActor()).as("RUSMIL falls back to Actor1CountryCode").isEqualTo("RU");
        assertThat(truce.getFront()).isEqualTo("kharkiv");
        assertThat(events.get(2).getType()).as("root 11 unmapped: the record's QuadClass 3 decides").isEqualTo("STATEMENT");
    }

    @Test
    void shouldMapUcdpColumnsByHeaderNameWhenOrderDiffersFromCurrentLayout() {
        List<Offer> offers = read(new UcdpImporter(context("ucdp", EventLogIndex.empty())), "ucdp-ged.csv");
        Event clash = offers.get(0).event();
        assertThat(clash.getEventId()).isEqualTo("ucdp:500001");
        assertThat(clash.getType()).isEqualTo("ARMED_CLASH");
        assertThat(clash.getActor()).isEqualTo("RU");
        assertThat(clash.getTarget()).isEqualTo("UA");
        assertThat(clash.getDescription()).contains("(UCDP sides, not initiator and target)").contains("(best 3, low 3, high 5)");
        assertThat(clash.getDate()).isEqualTo("2022-09-07");
        assertThat(clash.getCasualties()).isEqualTo(3L);
        assertThat(clash.getKnownSince()).as("earliest source_date").isEqualTo("2022-09-08T00:00:00Z");
        assertThat(clash.getFront()).isEqualTo("kharkiv");
        assertThat(clash.getConfidence()).isEqualTo(0.8);
        Event oneSided = offers.get(1).event();
        assertThat(oneSided.getType()).as("one-sided violence by a belligerent abroad (gwnoa 365, country_id 369)").isEqualTo("STRIKE");
        assertThat(oneSided.getTarget()).isNull();
        assertThat(offers.get(2).filtered()).startsWith("side_a is not an actor of testwar").endsWith("— DPR");
    }

    @Test
    void shouldKeepOnlyListedUcdpConflictsWhenTheConflictNamesItsIds() {
        ConflictConfig scoped = withUpstream(new ConflictConfig.Upstream(List.of(13243), null, null, null, null));
        List<Offer> offers = new ArrayList<>();
        new UcdpImporter(new ImportContext(scoped, Mapping.load("ucdp", null), EventLogIndex.empty()))
                .read(sample("ucdp-ged.csv"), "ucdp-ged.csv").forEachRemaining(offers::add);
        assertThat(offers.get(1).event().getType()).as("one-sided violence of a listed conflict").isEqualTo("STRIKE");
        assertThat(offers.get(1).event().getTarget()).isNull();

        ConflictConfig other = withUpstream(new ConflictConfig.Upstream(List.of(259), null, null, null, null));
        List<Offer> none = new ArrayList<>();
        new UcdpImporter(new ImportContext(other, Mapping.load("ucdp", null), EventLogIndex.empty()))
                .read(sample("ucdp-ged.csv"), "ucdp-ged.csv").forEachRemaining(none::add);
        assertThat(none).allSatisfy(o -> assertThat(o.filtered()).startsWith("conflict_new_id outside testwar"));
    }

    private static ConflictConfig withUpstream(ConflictConfig.Upstream upstream) {
        ConflictConfig c = TestConflicts.testwar();
        return new ConflictConfig(c.id(), c.name(), c.description(), c.start(), c.actors(), c.dimensions(), c.fronts(), upstream);
    }

    @Test
    void shouldUseOverrideEntriesWhenMappingFileIsGiven(@TempDir Path dir) throws Exception {
        Path override = dir.resolve("my-acled.txt");
        Files.writeString(override, "# protests count as statements here\ntype:Protests/Peaceful protest = STATEMENT\nactor:Protesters (Ukraine) = UA\n");
        ImportContext ctx = new ImportContext(TestConflicts.testwar(), Mapping.load("acled", override), EventLogIndex.empty());
        List<Offer> offers = read(new AcledImporter(ctx), "acled-export.csv");
        assertThat(offers.get(2).event().getType()).isEqualTo("STATEMENT");
        assertThat(offers.get(0).event().getType()).as("bundled entries still apply").isEqualTo("SETTLEMENT_CAPTURED");
    }
}
