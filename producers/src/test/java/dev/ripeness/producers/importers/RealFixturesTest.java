package dev.ripeness.producers.importers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.producers.event.CsvReader;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.producers.feed.TextInput;
import dev.ripeness.producers.importers.acled.AcledImporter;
import dev.ripeness.producers.importers.gdelt.GdeltImporter;
import dev.ripeness.producers.importers.ucdp.UcdpImporter;
import dev.ripeness.event.EventValidator;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The importers against rows copied from public repositories (test resources
 * {@code importers/*}, provenance in {@code importers/PROVENANCE.md}), scoped to the bundled
 * {@code russia-ukraine} conflict. Each test states what is in scope independently of the
 * importer, then checks that all of it and nothing else is accepted.
 */
class RealFixturesTest {

    private static final ConflictConfig RUSSIA_UKRAINE = ConflictCatalog.bundled().find("russia-ukraine").orElseThrow();
    private final EventValidator validator = new EventValidator(ConflictCatalog.bundled());

    private static InputStream fixture(String path) {
        return RealFixturesTest.class.getClassLoader().getResourceAsStream("importers/" + path);
    }

    private List<Offer> read(Importer importer, String path) throws IOException {
        List<Offer> out = new ArrayList<>();
        importer.read(TextInput.open(fixture(path), null).reader(), path).forEachRemaining(out::add);
        out.stream().filter(o -> o.event() != null).forEach(o -> assertThat(validator.check(o.event())).as(o.where()).isEmpty());
        return out;
    }

    /** The bundled conflict without its upstream block: only types and actors can scope rows. */
    private static ConflictConfig unscoped() {
        return new ConflictConfig(RUSSIA_UKRAINE.id(), RUSSIA_UKRAINE.name(), RUSSIA_UKRAINE.description(),
                RUSSIA_UKRAINE.start(), RUSSIA_UKRAINE.actors(), RUSSIA_UKRAINE.dimensions(), RUSSIA_UKRAINE.fronts());
    }

    /** The bundled conflict also keeping GDELT rows that took place in Ukraine (FIPS UP). */
    private static ConflictConfig inUkraine() {
        ConflictConfig.Upstream u = RUSSIA_UKRAINE.upstream();
        return new ConflictConfig(RUSSIA_UKRAINE.id(), RUSSIA_UKRAINE.name(), RUSSIA_UKRAINE.description(),
                RUSSIA_UKRAINE.start(), RUSSIA_UKRAINE.actors(), RUSSIA_UKRAINE.dimensions(), RUSSIA_UKRAINE.fronts(),
                new ConflictConfig.Upstream(u.ucdpConflictIds(), u.ucdpDyadIds(), u.countries(), u.gdeltActorCodes(), List.of("UP")));
    }

    private static ImportContext context(ConflictConfig conflict, String importer) {
        return new ImportContext(conflict, Mapping.load(importer, null), EventLogIndex.empty());
    }

    @Test
    void shouldAcceptEveryInScopeRowOfARealUkraineAcledExportAndNothingElse() throws IOException {
        // Given 155 real ACLED rows of Ukraine (current layout + population_best, CR LF) and, read from their
        // columns without the importer, the ones in scope: a fighting or strike type and a side as actor1
        Set<String> fighting = Set.of("Battles", "Explosions/Remote violence", "Violence against civilians");
        List<String> inScopeIds = new ArrayList<>();
        try (InputStream in = fixture("acled/acled-ukraine-2022-2024.csv")) {
            CsvReader rows = CsvReader.csv(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = rows.next().fields();
            rows.forEachRemaining(r -> {
                String actor1 = r.fields().get(header.indexOf("actor1"));
                if (fighting.contains(r.fields().get(header.indexOf("event_type")))
                        && (actor1.startsWith("Military Forces of Russia") || actor1.startsWith("Military Forces of Ukraine"))) {
                    inScopeIds.add(r.fields().get(header.indexOf("event_id_cnty")));
                }
            });
        }
        // When the file is imported
        List<Offer> offers = read(new AcledImporter(context(RUSSIA_UKRAINE, "acled")), "acled/acled-ukraine-2022-2024.csv");
        List<Event> accepted = offers.stream().map(Offer::event).filter(e -> e != null).toList();
        // Then every in-scope row is accepted, nothing else, and nothing is an error
        assertThat(offers).hasSize(155).noneMatch(o -> o.problem() != null);
        assertThat(accepted).extracting(Event::getUpstreamId)
                .containsExactlyInAnyOrderElementsOf(inScopeIds.stream().map(id -> "acled:" + id).toList());
        // And shelling and strikes are strikes (hurt, not momentum) with fatalities as casualties; clashes are clashes
        assertThat(accepted).allSatisfy(e -> assertThat(e.getType()).as(e.getDescription()).isEqualTo(
                e.getDescription().startsWith("Explosions/Remote violence/") ? "STRIKE"
                        : e.getDescription().startsWith("Battles/Armed clash") ? "ARMED_CLASH" : "SETTLEMENT_CAPTURED"));
        assertThat(accepted).filteredOn(e -> e.getType().equals("SETTLEMENT_CAPTURED")).extracting(Event::getUpstreamId)
                .as("the one territory change: a front signal").hasSize(1);
        Event strike = accepted.stream().filter(e -> e.getUpstreamId().equals("acled:UKR148710")).findFirst().orElseThrow();
        assertThat(strike.getType()).isEqualTo("STRIKE");
        assertThat(strike.getActor()).as("Air Force unit falls back to its force").isEqualTo("RUS");
        assertThat(strike.getDate()).isEqualTo("2024-02-16");
        assertThat(strike.getEventId()).isEqualTo("acled:UKR148710@1708472500");
        assertThat(strike.getCasualties()).isZero();
        // And placed where the row places it: its latitude, longitude, location and admin1, geo_precision 2 = near
        assertThat(strike.getLocation()).isEqualTo(new Location(48.68925, 35.22276, "Katerynivka, Kharkiv", "NEAR"));
        assertThat(accepted).as("every row of this export has coordinates").allSatisfy(e -> assertThat(e.getLocation()).isNotNull());
        // And the left-out rows say why
        assertThat(offers.stream().map(Offer::filtered).filter(f -> f != null).map(f -> f.split(" — ")[0]).distinct())
                .containsExactlyInAnyOrder("strategic development the model does not read", "unidentified actor1: no side can be credited");
        System.out.printf("acled acled-ukraine-2022-2024.csv: rows %d, in scope %d, accepted %d (%.1f %%), out of scope accepted 0, filtered %d, rejected 0%n",
                offers.size(), inScopeIds.size(), accepted.size(), 100.0 * accepted.size() / inScopeIds.size(),
                offers.stream().filter(o -> o.filtered() != null).count());
    }

    @Test
    void shouldFilterEveryRowOfTheAfrican2016AcledExportAndRejectNone() throws IOException {
        // Given 300 real ACLED rows of July 2016, Africa only, in the 2016 layout (data_id, gwno, no sub_event_type)
        // When they are imported for russia-ukraine
        List<Offer> offers = read(new AcledImporter(context(RUSSIA_UKRAINE, "acled")), "acled/acled-2016-legacy.csv");
        // Then every record is read (quoted line breaks included), none is accepted and none is an error
        assertThat(offers).hasSize(300);
        assertThat(offers.get(299).index()).as("records 25 and later start after quoted line breaks").isGreaterThan(301);
        assertThat(offers).noneMatch(o -> o.event() != null);
        assertThat(offers).noneMatch(o -> o.problem() != null);
        assertThat(offers).allSatisfy(o -> assertThat(o.filtered()).startsWith("country outside russia-ukraine"));
    }

    @Test
    void shouldStillAcceptNothingOfTheAfrican2016ExportWhenTheConflictNamesNoCountries() throws IOException {
        // Given the conflict without its ACLED countries: only types and actors can scope the rows
        ConflictConfig unscoped = unscoped();
        List<Offer> offers = read(new AcledImporter(context(unscoped, "acled")), "acled/acled-2016-legacy.csv");
        // Then the 2016 event types are all known (mapped or filtered), and no African actor passes for a side
        assertThat(offers).noneMatch(o -> o.event() != null);
        assertThat(offers).noneMatch(o -> o.problem() != null);
        assertThat(offers.stream().map(Offer::filtered).filter(f -> f.startsWith("protests and riots are outside"))).isNotEmpty();
        assertThat(offers.stream().map(Offer::filtered).filter(f -> f.startsWith("actor1 is not an actor of russia-ukraine"))).isNotEmpty();
    }

    @Test
    void shouldReadThe2019LayoutWithSpreadsheetDatesAndAcceptNothingOfKenya() throws IOException {
        // Given 300 real rows of the 2019–2022 layout (data_id, iso, iso3, no disorder_type), dates re-saved as 31-12-19
        ConflictConfig unscoped = unscoped();
        List<Offer> scoped = read(new AcledImporter(context(RUSSIA_UKRAINE, "acled")), "acled/acled-kenya-2019-layout.csv");
        List<Offer> byTypeAndActor = read(new AcledImporter(context(unscoped, "acled")), "acled/acled-kenya-2019-layout.csv");
        // Then the header is accepted, every row is read and filtered, none is an error, none accepted
        assertThat(scoped).hasSize(300).allSatisfy(o -> assertThat(o.filtered()).startsWith("country outside russia-ukraine"));
        assertThat(byTypeAndActor).hasSize(300).noneMatch(o -> o.event() != null).noneMatch(o -> o.problem() != null);
    }

    @Test
    void shouldReadTheApiJsonAnswerLikeTheSameRowsAsCsv() throws IOException {
        // Given the Kenya rows, and the same rows in the shape of ACLED's API answer (every value a string)
        List<Offer> csv = read(new AcledImporter(context(RUSSIA_UKRAINE, "acled")), "acled/acled-kenya-2019-layout.csv");
        CsvReader rows = CsvReader.csv(TextInput.open(fixture("acled/acled-kenya-2019-layout.csv"), null).reader());
        List<String> header = rows.next().fields();
        ObjectMapper json = new ObjectMapper();
        ObjectNode answer = json.createObjectNode().put("status", 200).put("success", true);
        ArrayNode data = answer.putArray("data");
        rows.forEachRemaining(r -> {
            ObjectNode o = data.addObject();
            for (int i = 0; i < header.size(); i++) {
                o.put(header.get(i), r.fields().get(i));
            }
        });
        answer.put("count", data.size());
        // When the answer is imported
        List<Offer> api = new ArrayList<>();
        new AcledImporter(context(RUSSIA_UKRAINE, "acled")).read(new StringReader(answer.toString()), "api").forEachRemaining(api::add);
        // Then each record has the outcome of its CSV row, numbered as a record
        assertThat(api).extracting(Offer::filtered).containsExactlyElementsOf(csv.stream().map(Offer::filtered).toList());
        assertThat(api.get(0).where()).isEqualTo("record 1");
        assertThat(FormatDetector.detect(answer.toString())).contains("acled");

        // And an answer cut off in the middle keeps the records before the break and rejects the rest with the place
        String cut = answer.toString().substring(0, answer.toString().length() / 2);
        List<Offer> broken = new ArrayList<>();
        new AcledImporter(context(RUSSIA_UKRAINE, "acled")).read(new StringReader(cut), "api").forEachRemaining(broken::add);
        assertThat(broken.get(broken.size() - 1).problem().message()).startsWith("the JSON breaks off here");
        assertThat(broken.subList(0, broken.size() - 1)).allSatisfy(o -> assertThat(o.filtered()).isNotNull());
    }

    @Test
    void shouldReadALatin1CopyOfTheExportLikeTheUtf8One() throws IOException {
        // Given the same rows re-encoded as ISO-8859-1 (a spreadsheet round-trip)
        TextInput text = TextInput.open(fixture("acled/acled-2016-legacy.latin1.csv"), null);
        // When the charset is detected and the file read
        List<Offer> offers = new ArrayList<>();
        new AcledImporter(context(RUSSIA_UKRAINE, "acled")).read(text.reader(), "latin1").forEachRemaining(offers::add);
        // Then it is read as a single-byte charset, with the same rows and no replacement characters
        assertThat(text.charset()).isEqualTo(TextInput.WINDOWS_1252);
        assertThat(offers).hasSize(300);
        assertThat(offers).noneMatch(o -> new String(o.original(), StandardCharsets.UTF_8).contains("\uFFFD"));
        assertThat(new String(offers.get(3).original(), StandardCharsets.UTF_8)).contains("in\u00a0clashes");
    }

    @Test
    void shouldAcceptEveryRussiaUkraineRowOfTheUcdpCandidateAsAClashBetweenBothSides() throws IOException {
        // Given 44 real GED Candidate rows of conflict 13243 "Russia - Ukraine" (state-based, the two governments)
        List<Offer> offers = read(new UcdpImporter(context(RUSSIA_UKRAINE, "ucdp")), "ucdp/GEDEvent_v26_01_26_06-russia-ukraine.csv");
        // Then every one is accepted, as a clash between both sides, with best deaths as casualties and low/high kept
        assertThat(offers).hasSize(44);
        assertThat(offers).allSatisfy(o -> assertThat(o.event()).as(o.where() + " " + o.problem() + " " + o.filtered()).isNotNull());
        assertThat(offers).allSatisfy(o -> {
            Event e = o.event();
            assertThat(e.getType()).isEqualTo("ARMED_CLASH");
            assertThat(Set.of(e.getActor(), e.getTarget())).containsExactlyInAnyOrder("RUS", "UKR");
            assertThat(e.getDescription()).contains("(UCDP sides, not initiator and target)").contains("UCDP conflict 13243 Russia - Ukraine");
        });
        Event losses = offers.stream().map(Offer::event).filter(e -> e.getEventId().equals("ucdp:628987")).findFirst().orElseThrow();
        assertThat(losses.getCasualties()).isEqualTo(6234L);
        assertThat(losses.getDescription()).contains("(best 6234, low 6234, high 5087)");
        assertThat(losses.getKnownSince()).as("earliest source_date").isEqualTo("2026-05-13T00:00:00Z");
        // And each is placed by its latitude, longitude and where_coordinates; where_prec 2 = within 25 km, 4 = a province
        Event riznykivka = offers.stream().map(Offer::event).filter(e -> e.getEventId().equals("ucdp:624545")).findFirst().orElseThrow();
        assertThat(riznykivka.getLocation()).isEqualTo(new Location(48.83628, 37.9869, "Riznykivka village", "NEAR"));
        Event kherson = offers.stream().map(Offer::event).filter(e -> e.getEventId().equals("ucdp:624579")).findFirst().orElseThrow();
        assertThat(kherson.getLocation()).isEqualTo(new Location(46.6406, 32.61589, "Kherson oblast", "REGION"));
        assertThat(offers).allSatisfy(o -> assertThat(o.event().getLocation()).as(o.where()).isNotNull());
        System.out.printf("ucdp GEDEvent_v26_01_26_06-russia-ukraine.csv: rows 44, in scope 44, accepted %d (%.1f %%)%n",
                offers.stream().filter(o -> o.event() != null).count(), 100.0 * offers.stream().filter(o -> o.event() != null).count() / 44);
    }

    @Test
    void shouldReadTheCrlfCopyOfTheUcdpRowsIntoTheSameEvents() throws IOException {
        List<Offer> lf = read(new UcdpImporter(context(RUSSIA_UKRAINE, "ucdp")), "ucdp/GEDEvent_v26_01_26_06-russia-ukraine.csv");
        List<Offer> crlf = read(new UcdpImporter(context(RUSSIA_UKRAINE, "ucdp")), "ucdp/GEDEvent_v26_01_26_06-russia-ukraine.crlf.csv");
        assertThat(crlf).extracting(o -> o.event().getEventId()).containsExactlyElementsOf(lf.stream().map(o -> o.event().getEventId()).toList());
        assertThat(crlf).extracting(Offer::index).containsExactlyElementsOf(lf.stream().map(Offer::index).toList());
        assertThat(crlf).allSatisfy(o -> assertThat(o.event().getDescription()).doesNotContain("\r"));
    }

    @Test
    void shouldFilterOneSidedViolenceOutsideTheConflictWithOrWithoutCountries() throws IOException {
        ConflictConfig unscoped = unscoped();
        for (ConflictConfig conflict : List.of(RUSSIA_UKRAINE, unscoped)) {
            List<Offer> offers = read(new UcdpImporter(context(conflict, "ucdp")), "ucdp/GEDEvent_v26_01_26_06-afghanistan-one-sided.csv");
            assertThat(offers).hasSize(6);
            assertThat(offers).allSatisfy(o -> assertThat(o.filtered()).as(o.where()).isNotNull());
        }
    }

    @Test
    void shouldAlsoKeepGdeltRowsThatTookPlaceInUkraineWhenTheConflictAsks() throws IOException {
        // Given the conflict with its action geography (FIPS UP = Ukraine) and, counted from the columns, the rows it keeps
        ConflictConfig byPlace = inUkraine();
        Set<String> sides = Set.of("UKR", "RUS");
        long inScope;
        try (InputStream in = fixture("gdelt/20150218230000.export.CSV")) {
            inScope = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split("\t", -1))
                    .filter(f -> sides.contains(f[7]) && (sides.contains(f[17]) && !f[7].equals(f[17]) || f[53].equals("UP")))
                    .count();
        }
        // When the export is imported
        List<Offer> offers = read(new GdeltImporter(context(byPlace, "gdelt")), "gdelt/20150218230000.export.CSV");
        // Then exactly those rows are merged into events, each acted by a side of the war
        List<Event> events = offers.stream().map(Offer::event).filter(e -> e != null).toList();
        assertThat(inScope).isGreaterThan(9);
        assertThat(events.stream().mapToLong(e -> Long.parseLong(e.getDescription().split(" ", 2)[0])).sum()).isEqualTo(inScope);
        assertThat(events).allSatisfy(e -> assertThat(sides).contains(e.getActor()));
        assertThat(offers).noneMatch(o -> o.problem() != null);
        System.out.printf("gdelt 20150218230000.export.CSV with gdeltActionCountries [UP]: in scope %d, merged into %d events%n",
                inScope, events.size());
    }

    @Test
    void shouldKeepOneGdeltEventPerDayAcrossFilesAndCountAFileFedTwiceOnce() throws IOException {
        // Given the export split in two files, as GDELT publishes one every 15 minutes, read with the actor-pair and place scope
        ConflictConfig byPlace = inUkraine();
        List<String> lines;
        try (InputStream in = fixture("gdelt/20150218230000.export.CSV")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        String first = String.join("\n", lines.subList(0, 470)) + "\n";
        String second = String.join("\n", lines.subList(470, lines.size())) + "\n";
        EventLogIndex log = EventLogIndex.empty();
        java.util.function.Function<String, List<Event>> feed = text -> {
            List<Event> out = new ArrayList<>();
            new GdeltImporter(new ImportContext(byPlace, Mapping.load("gdelt", null), log)).read(new StringReader(text), "gdelt")
                    .forEachRemaining(o -> {
                        if (o.event() != null) {
                            out.add(o.event());
                        }
                    });
            out.forEach(log::add); // what the feed would have written
            return out;
        };
        // When both are fed, then the first again
        List<Event> a = feed.apply(first);
        List<Event> b = feed.apply(second);
        List<Event> again = feed.apply(first);
        // Then a day that both files speak of is one event, corrected by the second file with the rows added up
        Event corrected = b.stream().filter(e -> e.getCorrects() != null).findFirst().orElseThrow();
        Event base = a.stream().filter(e -> e.getEventId().equals(corrected.getCorrects())).findFirst().orElseThrow();
        assertThat(corrected.getUpstreamId()).isEqualTo(base.getUpstreamId());
        long count = Long.parseLong(corrected.getDescription().split(" ", 2)[0]);
        assertThat(count).isGreaterThan(Long.parseLong(base.getDescription().split(" ", 2)[0]));
        // And the first file fed again changes nothing: every event is the latest version already in the log
        assertThat(again).allSatisfy(e -> assertThat(log.latest("russia-ukraine", e.getUpstreamId()).orElseThrow().eventId())
                .isEqualTo(e.getEventId()));
        Set<String> written = new java.util.HashSet<>();
        a.forEach(e -> written.add(e.getEventId()));
        b.forEach(e -> written.add(e.getEventId()));
        assertThat(again).hasSameSizeAs(a).allSatisfy(e -> assertThat(written).as("already in the log: a duplicate").contains(e.getEventId()));
    }

    @Test
    void shouldPlaceAGdeltAggregateOnlyWhereAllItsRowsTookPlace() throws IOException {
        // When the UKR–RUS pairs of the export are merged per day (each aggregate keeps its rows as its original bytes)
        List<Offer> offers = read(new GdeltImporter(context(RUSSIA_UKRAINE, "gdelt")), "gdelt/20150218230000.export.CSV");
        List<Offer> aggregates = offers.stream().filter(o -> o.event() != null).toList();

        // Then an aggregate is placed at its rows' ActionGeo point when they all share one, and left unplaced otherwise
        for (Offer a : aggregates) {
            List<String[]> rows = new String(a.original(), StandardCharsets.UTF_8).lines().map(l -> l.split("\t", -1)).toList();
            Set<String> points = new java.util.HashSet<>();
            rows.forEach(f -> points.add(f[56] + "," + f[57] + "," + f[52] + "," + f[51]));
            Location l = a.event().getLocation();
            if (points.size() == 1) {
                String[] f = rows.get(0);
                assertThat(l).as(a.where()).isEqualTo(new Location(Double.parseDouble(f[56]), Double.parseDouble(f[57]), f[52],
                        f[51].equals("1") ? "COUNTRY" : "NEAR"));
            } else {
                assertThat(l).as(a.where() + ": rows in " + points).isNull();
            }
        }
        // The 2014-02-18 pair (two rows, both Kyiv, a world city) is one such placed aggregate
        assertThat(aggregates).extracting(o -> o.event().getLocation()).contains(
                new Location(50.4333, 30.5167, "Kyiv, Kyyiv, Misto, Ukraine", "NEAR"));
    }

    @Test
    void shouldKeepExactlyTheUkraineRussiaPairsOfTheGdeltExportMergedPerDay() throws IOException {
        // Given the first GDELT 2.0 export (2015-02-18 23:00) and, counted from its columns, the UKR–RUS rows
        long inScope;
        try (InputStream in = fixture("gdelt/20150218230000.export.CSV")) {
            inScope = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split("\t", -1))
                    .filter(f -> Set.of("UKR", "RUS").contains(f[7]) && Set.of("UKR", "RUS").contains(f[17]) && !f[7].equals(f[17]))
                    .count();
        }
        // When it is imported
        List<Offer> offers = read(new GdeltImporter(context(RUSSIA_UKRAINE, "gdelt")), "gdelt/20150218230000.export.CSV");
        // Then no row is an error, and the aggregates cover exactly the in-scope rows
        List<Event> events = offers.stream().map(Offer::event).filter(e -> e != null).toList();
        long merged = offers.stream().filter(o -> o.filtered() != null && o.filtered().startsWith("merged into a daily aggregate")).count();
        assertThat(offers).noneMatch(o -> o.problem() != null);
        assertThat(inScope).isPositive();
        assertThat(merged).isEqualTo(inScope);
        assertThat(events.stream().mapToLong(e -> Long.parseLong(e.getDescription().split(" ", 2)[0])).sum()).isEqualTo(inScope);
        assertThat(events).allSatisfy(e -> assertThat(Set.of(e.getActor(), e.getTarget())).containsExactlyInAnyOrder("RUS", "UKR"));
        assertThat(events.size()).as("fewer events than rows: merged per day, pair and type").isLessThan((int) inScope);
        System.out.printf("gdelt 20150218230000.export.CSV: rows %d, in scope %d, merged %d into %d events, other rows filtered %d, rejected 0%n",
                offers.size() - events.size(), inScope, merged, events.size(), offers.size() - events.size() - merged);
    }
}
