package dev.ripeness.streams.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.HistoryFile;
import dev.ripeness.streams.RipenessPipeline;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.query.KafkaStreamsStateQueries;
import dev.ripeness.streams.query.StateQueries;
import dev.ripeness.streams.query.StateUnavailableException;
import dev.ripeness.topics.TopicAdmin;
import dev.ripeness.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bundled Russia–Ukraine history through the real pipeline on a real broker, read back
 * with Interactive Queries as of the paper's checkpoints (docs/model.md §8): the direction of change
 * and the events the explanations name.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith(TestKafka.class)
class HistoryCheckpointsTest {

    private static final String RU_UA = "russia-ukraine";
    private static RipenessPipeline pipeline;
    private static StateQueries state;

    @BeforeAll
    static void feedHistory() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicAdmin.ensure(admin, Topics.all(), 1, (short) 1);
        }
        List<Event> history = HistoryFile.read(HistoryFile.RUSSIA_UKRAINE);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Event e : history) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), e.getConflict(), Topics.EVENTS.valueSerde()
                        .serializer().serialize(Topics.EVENTS.name(), e)));
            }
        }
        Path stateDir = Files.createTempDirectory("ripeness-it");
        pipeline = RipenessPipeline.start(ConflictCatalog.bundled(), ModelConfig.bundled(),
                RipenessPipeline.config(bootstrap, TestKafka.unique("ripeness-it"), stateDir,
                        Map.of("application.server", "localhost:18080")));
        assertThat(pipeline.awaitRunning(Duration.ofSeconds(120))).as("pipeline running").isTrue();
        state = new KafkaStreamsStateQueries(pipeline.streams(), "localhost:18080", ConflictCatalog.bundled(),
                ModelConfig.bundled());
        String last = history.get(history.size() - 1).getDate();
        await("the whole history folded up to " + last).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .ignoreException(StateUnavailableException.class)
                .until(() -> state.ripeness(RU_UA, null).map(RipenessAssessment::getAsOf).orElse(""), last::equals);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static RipenessAssessment at(String date) {
        return state.ripeness(RU_UA, LocalDate.parse(date)).orElseThrow();
    }

    @Test
    void shouldShowUkraineStalematedAndHurtingAtMinsk2014() {
        RipenessAssessment before = at("2014-08-01");
        RipenessAssessment minsk = at("2014-09-05");

        assertThat(minsk.getAsOf()).isEqualTo("2014-09-05");
        assertThat(minsk.getActors().get("UKR").getPerceivedStalemate()).isGreaterThan(0.7)
                .isGreaterThan(before.getActors().get("UKR").getPerceivedStalemate());
        assertThat(minsk.getActors().get("UKR").getHurt()).isGreaterThan(before.getActors().get("UKR").getHurt());
        assertThat(minsk.getComponents().getWayOut()).isGreaterThan(before.getComponents().getWayOut());
    }

    @Test
    void shouldPeakWayOutAtIstanbulAndReopenGapWithTheDraftRewrite() {
        RipenessAssessment march7 = at("2022-03-07");
        RipenessAssessment istanbul = at("2022-03-29");
        RipenessAssessment april12 = at("2022-04-12");
        RipenessAssessment rewrite = at("2022-04-15");

        assertThat(istanbul.getComponents().getWayOut()).isGreaterThan(march7.getComponents().getWayOut());
        assertThat(istanbul.getComponents().getDemandGap()).isZero();
        assertThat(rewrite.getComponents().getDemandGap()).isGreaterThan(april12.getComponents().getDemandGap());
        assertThat(rewrite.getComponents().getZopa()).isEqualTo("NO");
        assertThat(rewrite.getComponents().getWayOut()).isLessThan(april12.getComponents().getWayOut());
        assertThat(rewrite.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("ru-ua-2022-04-15-draft-rewrite");
            assertThat(d.getComponent()).isEqualTo("demandGap");
            assertThat(d.getDelta()).isPositive();
        });
        assertThat(state.demandGaps(RU_UA, LocalDate.parse("2022-04-15"))).singleElement().satisfies(g ->
                assertThat(g.getDrivers()).anySatisfy(d -> {
                    assertThat(d.getEventId()).isEqualTo("ru-ua-2022-04-15-draft-rewrite");
                    assertThat(d.getComponent()).isEqualTo("gap:alignment");
                }));
    }

    @Test
    void shouldSeeNoMhsDuringKharkivOffensiveAndTopTerritorialRungAfterAnnexation() {
        RipenessAssessment august = at("2022-08-29");
        RipenessAssessment kharkiv = at("2022-09-06");

        assertThat(kharkiv.getActors().get("RUS").getHurt()).isGreaterThan(august.getActors().get("RUS").getHurt());
        assertThat(kharkiv.getActors().get("UKR").getMomentum()).isPositive();
        assertThat(kharkiv.getActors().get("UKR").getPerceivedStalemate()).isLessThan(0.35)
                .isLessThan(kharkiv.getActors().get("RUS").getPerceivedStalemate());
        assertThat(kharkiv.getComponents().getMhs()).isLessThan(august.getComponents().getMhs());

        ActorDemandState before = state.actor(RU_UA, "RUS", LocalDate.parse("2022-09-29")).orElseThrow();
        ActorDemandState after = state.actor(RU_UA, "RUS", LocalDate.parse("2022-09-30")).orElseThrow();
        assertThat(after.getDemandIndex()).isGreaterThan(before.getDemandIndex());
        assertThat(after.getPositions()).filteredOn(p -> p.getDimension().equals("territory")).singleElement()
                .satisfies(p -> {
                    assertThat(p.getDemand()).isEqualTo("tr-d-four-oblasts");
                    assertThat(p.getDemandRank()).isEqualTo(5);
                    assertThat(p.getChangedBy()).isEqualTo("ru-ua-2022-09-30-four-oblasts-annexation");
                });
        assertThat(after.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("ru-ua-2022-09-30-four-oblasts-annexation");
            assertThat(d.getComponent()).isEqualTo("demandIndex:RUS");
            assertThat(d.getDelta()).isPositive();
        });
    }

    @Test
    void shouldRaiseUkrainesPerceivedStalemateWhenItsOffensiveStalls2023() {
        RipenessAssessment october = at("2023-10-13");
        RipenessAssessment stalled = at("2023-11-22");

        assertThat(stalled.getActors().get("UKR").getPerceivedStalemate())
                .isGreaterThan(october.getActors().get("UKR").getPerceivedStalemate());
        assertThat(stalled.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("ru-ua-2023-11-22-offensive-difficulties-acknowledged");
            assertThat(d.getComponent()).isEqualTo("perceivedStalemate:UKR");
        });
    }

    @Test
    void shouldKeepRussiaTacticallyUnstalematedAndTheGapWidest2024() {
        RipenessAssessment avdiivka = at("2024-02-01");
        assertThat(avdiivka.getActors().get("RUS").getMomentum()).isGreaterThan(0.15);
        assertThat(avdiivka.getActors().get("RUS").getPerceivedStalemate()).isLessThan(0.3);

        double widest = state.timeline(RU_UA, null, LocalDate.parse("2025-11-27")).stream()
                .map(a -> a.getComponents().getDemandGap()).filter(g -> g != null).mapToDouble(Double::doubleValue)
                .max().orElseThrow();
        assertThat(at("2024-06-14").getComponents().getDemandGap()).isEqualTo(widest)
                .isGreaterThan(at("2024-06-13").getComponents().getDemandGap());
    }

    @Test
    void shouldKeepNoZopaIn2025WhileMediatorReversesAndSanctionsHurtRussia() {
        RipenessAssessment memorandum = at("2025-06-02");
        assertThat(memorandum.getComponents().getZopa()).isEqualTo("NO");
        assertThat(memorandum.getBand()).isNotEqualTo("RIPE");
        assertThat(at("2025-05-16").getComponents().getWayOut()).isGreaterThan(at("2025-05-11").getComponents().getWayOut());

        RipenessAssessment sanctions = at("2025-10-22");
        assertThat(sanctions.getActors().get("RUS").getHurt()).isGreaterThan(at("2025-10-21").getActors().get("RUS").getHurt());
        assertThat(sanctions.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("ru-ua-2025-10-22-rosneft-lukoil-sanctions");
            assertThat(d.getComponent()).isEqualTo("hurt:RUS");
        });
        assertThat(at("2025-11-27").getMediator().getActor()).isEqualTo("USA");
        assertThat(at("2025-11-27").getMediator().getReversals()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldPeakIn2022SpringAndNeverCallTheWarRipeFrom2022To2025() {
        List<RipenessAssessment> war = state.timeline(RU_UA, LocalDate.parse("2022-01-01"), LocalDate.parse("2025-12-31"));
        RipenessAssessment high = war.stream().max(java.util.Comparator.comparingDouble(RipenessAssessment::getRipeness))
                .orElseThrow();

        assertThat(high.getAsOf()).as("the 2022-2025 high").isBetween("2022-03-01", "2022-05-31");
        assertThat(war).extracting(RipenessAssessment::getBand).doesNotContain("RIPE");
        assertThat(war).allSatisfy(a -> assertThat(a.getRipenessLow()).isLessThanOrEqualTo(a.getRipeness())
                .isGreaterThanOrEqualTo(0.0));
    }

    @Test
    void shouldNotShowRussiaLosingAtTheEndOf2025() {
        RipenessAssessment end = at("2025-12-31");

        assertThat(end.getAsOf()).isEqualTo("2025-12-31");
        assertThat(end.getLastEventDate()).isEqualTo("2025-11-27");
        assertThat(end.getActors().get("RUS").getMomentum()).isGreaterThanOrEqualTo(0.0);
        assertThat(end.getActors().get("RUS").getPerceivedStalemate()).isLessThan(0.5);
    }

    @Test
    void shouldAnswerAsOfTheDayAskedWithDecayApplied() {
        RipenessAssessment lastEvent = at("2015-02-18");
        RipenessAssessment years = at("2019-06-01");

        assertThat(years.getAsOf()).isEqualTo("2019-06-01");
        assertThat(years.getLastEventDate()).isEqualTo(lastEvent.getAsOf());
        assertThat(years.getComponents().getWayOut()).isLessThan(lastEvent.getComponents().getWayOut());
        assertThat(years.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("(decay)");
            assertThat(d.getComponent()).isEqualTo("wayOut");
            assertThat(d.getDelta()).isNegative();
        });

        // A day after an event date that is no checkpoint of the processor (2022-03-31 shares its block):
        // the query folds forward from the checkpoint before it, then decays one day
        RipenessAssessment istanbul = at("2022-03-29");
        RipenessAssessment nextDay = at("2022-03-30");
        assertThat(nextDay.getAsOf()).isEqualTo("2022-03-30");
        assertThat(nextDay.getLastEventDate()).isEqualTo("2022-03-29");
        assertThat(nextDay.getEventCount()).isEqualTo(istanbul.getEventCount());
        assertThat(nextDay.getComponents().getWayOut()).isLessThan(istanbul.getComponents().getWayOut())
                .isGreaterThan(istanbul.getComponents().getWayOut() * 0.99);
    }

    @Test
    void shouldExplainEveryComponentSoThatItsDeltasAddUpToTheValue() {
        for (String date : List.of("2014-09-05", "2022-04-15", "2023-07-01", "2025-11-27")) {
            RipenessAssessment a = at(date);
            java.util.Map<String, Double> sums = new java.util.TreeMap<>();
            a.getDrivers().forEach(d -> sums.merge(d.getComponent(), d.getDelta(), Double::sum));

            assertThat(sums.get("ripeness")).as("ripeness on %s", date).isCloseTo(a.getRipeness(), within(1e-9));
            assertThat(sums.get("mhs")).as("mhs on %s", date).isCloseTo(a.getComponents().getMhs(), within(1e-9));
            assertThat(sums.get("wayOut")).as("wayOut on %s", date).isCloseTo(a.getComponents().getWayOut(), within(1e-9));
            for (String actor : List.of("RUS", "UKR")) {
                assertThat(sums.get("hurt:" + actor)).as("hurt:%s on %s", actor, date)
                        .isCloseTo(a.getActors().get(actor).getHurt(), within(1e-9));
                assertThat(sums.get("perceivedStalemate:" + actor)).as("perceivedStalemate:%s on %s", actor, date)
                        .isCloseTo(a.getActors().get(actor).getPerceivedStalemate(), within(1e-9));
            }
        }
    }

    @Test
    void shouldAnswerQueriesForEventsAndConflictsFromTheStores() {
        assertThat(state.conflicts()).containsExactly(RU_UA);
        assertThat(state.hasEvent(RU_UA, "ru-ua-2022-04-15-draft-rewrite")).isTrue();
        assertThat(state.hasEvent(RU_UA, "no-such-event")).isFalse();
        assertThat(state.events(RU_UA, List.of("ru-ua-2022-04-15-draft-rewrite", "no-such-event")))
                .containsOnlyKeys("ru-ua-2022-04-15-draft-rewrite")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(e -> e.getType().equals("PROPOSAL")
                        && e.getActor().equals("RUS") && e.getDescription().startsWith("Putin rewrote the draft"), "the stored event"));
        assertThat(state.ownerElsewhere(RU_UA)).isEqualTo(Optional.empty());
        assertThat(state.ripeness(RU_UA, LocalDate.parse("2000-01-01"))).isEmpty();
        assertThat(state.fronts(RU_UA, null)).isNotEmpty().allSatisfy(f -> assertThat(f.getAsOf()).isEqualTo("2025-11-27"));
        assertThat(state.timeline(RU_UA, LocalDate.parse("2022-03-01"), LocalDate.parse("2022-03-31")))
                .extracting(RipenessAssessment::getAsOf).containsExactly("2022-03-02", "2022-03-07", "2022-03-29", "2022-03-31");
    }
}
