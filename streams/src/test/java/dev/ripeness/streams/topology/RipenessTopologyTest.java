package dev.ripeness.streams.topology;

import static dev.ripeness.streams.TestEvents.accept;
import static dev.ripeness.streams.TestEvents.demand;
import static dev.ripeness.streams.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.TestEvents;
import dev.ripeness.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RipenessTopologyTest {

    private static final String C = TestEvents.CONFLICT;
    private final PipelineDriver pipeline = new PipelineDriver();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void shouldPublishCurrentAndTimelineRecordsWhenEventArrives() {
        pipeline.send(event("n1", "2030-01-10", "NOR", "NEGOTIATION_ROUND").build());

        RipenessAssessment current = pipeline.current();
        assertThat(current.getAsOf()).isEqualTo("2030-01-10");
        assertThat(current.getModelVersion()).isEqualTo("ripeness-model-2");
        assertThat(current.getComponents().getWayOut()).isPositive();
        assertThat(current.getEventCount()).isEqualTo(1);
        // The timeline record is the same assessment, its drivers without their notes
        assertThat(pipeline.timeline("2030-01-10")).isEqualTo(PipelineDriver.withoutNotes(current));
        assertThat(pipeline.timeline("2030-01-10").getDrivers()).isNotEmpty().allSatisfy(d -> assertThat(d.getNote()).isNull());
        assertThat(pipeline.value(Topics.ACTOR_DEMAND, C + "|NOR")).isNotNull();
        assertThat(pipeline.value(Topics.DEMAND_GAP, C + "|NOR|SOU").getZopa()).isEqualTo("UNKNOWN");
        assertThat(pipeline.value(Topics.FRONT_INDICATORS, C + "|river|SOU")).isNotNull();
        assertThat(pipeline.value(Topics.FRONT_INDICATORS, C + "|ALL|NOR")).isNotNull();
        assertThat(current.getDrivers()).anySatisfy(d -> {
            assertThat(d.getEventId()).isEqualTo("n1");
            assertThat(d.getComponent()).isEqualTo("wayOut");
            assertThat(d.getNote()).contains("wayOut.impulses.NEGOTIATION_ROUND");
        });
    }

    @Test
    void shouldEscalateDemandAndCountRatchetWhenRaiseFollowsWithdrawal() {
        pipeline.send(
                event("d1", "2030-01-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("border", "bd-strip"))).build(),
                event("w1", "2030-02-01", "NOR", "WITHDRAWAL").setFront("river").build(),
                event("d2", "2030-02-20", "NOR", "DEMAND_STATED").setPositions(List.of(demand("border", "bd-coast"))).build());

        ActorDemandState nor = pipeline.value(Topics.ACTOR_DEMAND, C + "|NOR");
        assertThat(nor.getEscalations()).isEqualTo(1);
        assertThat(nor.getRatchets()).isEqualTo(1);
        assertThat(nor.getDemandIndex()).isEqualTo(1.0);
        assertThat(nor.getPositions()).singleElement().satisfies(p -> {
            assertThat(p.getDemand()).isEqualTo("bd-coast");
            assertThat(p.getChangedBy()).isEqualTo("d2");
        });
        assertThat(nor.getDrivers()).first().satisfies(d -> assertThat(d.getEventId()).isEqualTo("d2"));
    }

    @Test
    void shouldReportUnknownThenMeasuredGapWhenAcceptableRungIsStated() {
        pipeline.send(event("d1", "2030-01-01", "NOR", "DEMAND_STATED")
                .setPositions(List.of(demand("status", "st-vassal"), demand("border", "bd-coast"))).build());
        DemandGap unknown = pipeline.value(Topics.DEMAND_GAP, C + "|NOR|SOU");
        assertThat(unknown.getGap()).isNull();
        assertThat(unknown.getZopa()).isEqualTo("UNKNOWN");
        assertThat(pipeline.current().getComponents().getDemandGap()).isNull();

        pipeline.send(event("o1", "2030-01-05", "SOU", "POSITION_OFFERED")
                .setPositions(List.of(accept("status", "st-neutral"), accept("border", "bd-strip"))).build());

        DemandGap gap = pipeline.value(Topics.DEMAND_GAP, C + "|NOR|SOU");
        assertThat(gap.getZopa()).isEqualTo("NO");
        assertThat(gap.getDimensions()).extracting(d -> d.getDimension() + "=" + d.getGap())
                .containsExactly("status=0.6666666666666666", "border=0.6666666666666666");
        assertThat(gap.getDrivers()).allSatisfy(d -> assertThat(d.getEventId()).isEqualTo("o1"));
    }

    @Test
    void shouldSendOnlyRecordsWhoseValueChangedWhenAnotherEventJoinsTheLatestDate() {
        pipeline.send(
                event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build(),
                event("x2", "2030-03-01", "NOR", "STATEMENT").build());
        java.util.Map<String, java.util.TreeMap<String, String>> before = new java.util.TreeMap<>();
        pipeline.stateTopics().forEach((topic, values) -> before.put(topic, new java.util.TreeMap<>(values)));
        pipeline.clearSeen();

        // Another event on the latest date
        pipeline.send(event("x3", "2030-03-01", "SOU", "STATEMENT").build());

        // Only that date's timeline record is sent (the earlier date did not change), and every
        // record sent carries a value its key did not already hold
        assertThat(pipeline.seen(Topics.ASSESSMENT_TIMELINE)).extracting(r -> r.key()).containsExactly(C + "|2030-03-01");
        assertThat(pipeline.seen(Topics.ASSESSMENTS)).hasSize(1);
        for (var topic : PipelineDriver.STATE_TOPICS) {
            for (var r : pipeline.seen(topic)) {
                String was = before.getOrDefault(topic.name(), new java.util.TreeMap<>()).get(r.key());
                assertThat(java.util.Base64.getEncoder().encodeToString(r.value())).as(topic.name() + " " + r.key())
                        .isNotEqualTo(was);
            }
        }
        assertThat(pipeline.current().getEventCount()).isEqualTo(3);
    }

    @Test
    void shouldSendOneTimelineRecordPerDateWhenManyEventsAreFoldedTogether() {
        // Five events of one date and two of the next arrive between two folds
        pipeline.send(
                event("a1", "2030-01-01", "NOR", "STATEMENT").build(),
                event("a2", "2030-01-01", "SOU", "STATEMENT").build(),
                event("a3", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build(),
                event("a4", "2030-01-01", "SOU", "NEGOTIATION_ROUND").build(),
                event("b1", "2030-01-02", "NOR", "STATEMENT").build(),
                event("a5", "2030-01-01", "NOR", "STATEMENT").build(),
                event("b2", "2030-01-02", "SOU", "STATEMENT").build());

        // One fold: one timeline record per date, one current assessment
        assertThat(pipeline.seen(Topics.ASSESSMENT_TIMELINE)).extracting(r -> r.key())
                .containsExactly(C + "|2030-01-01", C + "|2030-01-02");
        assertThat(pipeline.seen(Topics.ASSESSMENTS)).hasSize(1);
        assertThat(pipeline.current().getEventCount()).isEqualTo(7);
        assertThat(pipeline.timeline("2030-01-01").getEventCount()).isEqualTo(5);
    }

    @Test
    void shouldFoldBacklogOnceItStopsArrivingInsteadOfOncePerInterval() {
        // Given three dates folded live
        pipeline.send(event("d1", "2030-01-01", "NOR", "STATEMENT").build(),
                event("d2", "2030-01-02", "SOU", "STATEMENT").build(),
                event("d3", "2030-01-03", "NOR", "STATEMENT").build());
        pipeline.clearSeen();

        // When ten late events dated on the first date arrive as backlog (appended a minute
        // before they are processed), 100 ms apart: five fold intervals each
        java.time.Duration step = java.time.Duration.ofMillis(100);
        for (int i = 0; i < 10; i++) {
            pipeline.pipe(event("late" + i, "2030-01-01", "SOU", "NEGOTIATION_ROUND").build(),
                    pipeline.wallClock().minusSeconds(60)).advance(step);
        }

        // Then nothing is folded while they keep coming
        assertThat(pipeline.seen(Topics.ASSESSMENT_TIMELINE)).isEmpty();

        // When no record arrives for the quiet time
        pipeline.advance(java.time.Duration.ofMillis(RipenessProcessor.CATCH_UP_QUIET_MS)).advance(step);

        // Then one fold: each date's timeline record once, with every late event in it
        assertThat(pipeline.seen(Topics.ASSESSMENT_TIMELINE)).extracting(r -> r.key())
                .containsExactly(C + "|2030-01-01", C + "|2030-01-02", C + "|2030-01-03");
        assertThat(pipeline.current().getEventCount()).isEqualTo(13);
    }

    @Test
    void shouldFoldLiveEventsAtTheIntervalAndEndlessBacklogAtTheCatchUpLimit() {
        java.time.Duration step = java.time.Duration.ofMillis(100);
        // A live event (appended just now) is folded at the next interval
        pipeline.pipe(event("live", "2030-01-01", "NOR", "STATEMENT").build(), pipeline.wallClock()).advance(step);
        assertThat(pipeline.timeline("2030-01-01")).isNotNull();

        // Backlog that never stops is still folded once the wait reaches its limit
        int sent = 0;
        long limit = RipenessProcessor.MAX_CATCH_UP_DEFER_MS / step.toMillis() + 2;
        while (pipeline.timeline("2030-01-02") == null && sent < limit) {
            pipeline.pipe(event("b" + sent, "2030-01-02", "SOU", "STATEMENT").build(),
                    pipeline.wallClock().minusSeconds(60)).advance(step);
            sent++;
        }
        assertThat(pipeline.timeline("2030-01-02")).isNotNull();
        assertThat(sent).isGreaterThan(1);
    }

    @Test
    void shouldKeepOneSnapshotPerBlockOfDatesAndRefoldFromItWhenLateEventArrives() {
        // Given 100 consecutive event dates, folded one date at a time
        java.time.LocalDate start = java.time.LocalDate.parse("2030-01-01");
        List<Event> history = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            history.add(event("h" + i, start.plusDays(i).toString(), i % 2 == 0 ? "NOR" : "SOU", "STATEMENT").build());
        }
        history.forEach(pipeline::send);

        // Then snapshots are kept per 16-day block and for the last two dates, not per date
        long snapshots;
        try (var it = pipeline.driver.<String, byte[]>getKeyValueStore(StoreNames.SNAPSHOTS).all()) {
            snapshots = java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(it, 0), false).count();
        }
        assertThat(snapshots).isBetween(7L, 10L);

        // When a late event lands mid-history, the state equals that of the same events folded in date order
        Event late = event("late", start.plusDays(40).toString(), "NOR", "AGREEMENT").build();
        pipeline.send(late);
        try (PipelineDriver inOrder = new PipelineDriver()) {
            history.subList(0, 41).forEach(inOrder::send);
            inOrder.send(late);
            history.subList(41, 100).forEach(inOrder::send);
            assertThat(pipeline.stateTopics()).as(PipelineDriver.firstDifference(inOrder.stateTopics(), pipeline.stateTopics()))
                    .isEqualTo(inOrder.stateTopics());
        }
    }

    @Test
    void shouldRecomputeLaterDatesWhenLateEventArrives() {
        pipeline.send(
                event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build(),
                event("x2", "2030-03-01", "NOR", "STATEMENT").build(),
                event("x3", "2030-05-01", "NOR", "STATEMENT").build());
        RipenessAssessment march = pipeline.timeline("2030-03-01");
        RipenessAssessment may = pipeline.timeline("2030-05-01");
        pipeline.clearSeen();

        // An agreement dated February arrives last
        pipeline.send(event("a1", "2030-02-01", "NOR", "AGREEMENT").build());

        assertThat(pipeline.seen(Topics.ASSESSMENT_TIMELINE)).extracting(r -> r.key())
                .containsExactly(C + "|2030-02-01", C + "|2030-03-01", C + "|2030-05-01");
        assertThat(pipeline.timeline("2030-01-01").getEventCount()).isEqualTo(1);
        assertThat(pipeline.timeline("2030-03-01").getComponents().getWayOut()).isGreaterThan(march.getComponents().getWayOut());
        assertThat(pipeline.timeline("2030-05-01").getComponents().getWayOut()).isGreaterThan(may.getComponents().getWayOut());
        assertThat(PipelineDriver.withoutNotes(pipeline.current())).isEqualTo(pipeline.timeline("2030-05-01"));
        assertThat(pipeline.current().getEventCount()).isEqualTo(4);
    }

    @Test
    void shouldApplyCorrectionWhetherItArrivesBeforeOrAfterTheOriginal() {
        Event original = event("c1", "2030-01-10", "NOR", "SETTLEMENT_CAPTURED").setFront("river").build();
        Event correction = event("c1-fix", "2030-01-12", "NOR", "SETTLEMENT_CAPTURED").setFront("hills")
                .setCorrects("c1").setKnownSince("2030-02-01T00:00:00Z").build();

        pipeline.send(original, correction);

        assertThat(pipeline.value(Topics.FRONT_INDICATORS, C + "|river|NOR").getWindows().get(0).getCaptures()).isZero();
        assertThat(pipeline.value(Topics.FRONT_INDICATORS, C + "|hills|NOR").getWindows().get(0).getCaptures()).isEqualTo(1);
        // The original's date no longer holds an event: its timeline record is gone
        assertThat(pipeline.timeline("2030-01-10")).isNull();
        assertThat(pipeline.timeline("2030-01-12").getEventCount()).isEqualTo(1);

        try (PipelineDriver reversed = new PipelineDriver()) {
            reversed.send(correction);
            assertThat(reversed.current()).as("a correction alone changes nothing until its original arrives").isNull();
            reversed.send(original);
            assertThat(reversed.stateTopics()).isEqualTo(pipeline.stateTopics());
        }
    }

    @Test
    void shouldWithdrawEventWhenRetracted() {
        pipeline.send(
                event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build(),
                event("v1", "2030-01-05", "NOR", "AGREEMENT_VIOLATION").build());
        double violated = pipeline.current().getComponents().getWayOut();

        pipeline.send(event("v1-retract", "2030-06-01", "NOR", "STATEMENT").setRetracts("v1").build());

        assertThat(pipeline.timeline("2030-01-05")).isNull();
        assertThat(pipeline.current().getAsOf()).isEqualTo("2030-01-01");
        assertThat(pipeline.current().getComponents().getWayOut()).isGreaterThan(violated);
        assertThat(pipeline.current().getEventCount()).isEqualTo(1);
    }

    @Test
    void shouldChangeNothingWhenIdenticalDuplicateArrives() {
        Event e = event("n1", "2030-01-01", "NOR", "NEGOTIATION_ROUND").build();
        pipeline.send(e);
        pipeline.clearSeen();

        pipeline.send(Event.newBuilder(e).setRecordedAt(999L).setOrigin("file again.jsonl line 1").build());

        assertThat(pipeline.seen).isEmpty();
    }

    @Test
    void shouldDeadLetterBadRecordsAndKeepRunning() {
        pipeline.sendRaw(C, "not avro".getBytes(StandardCharsets.UTF_8));
        pipeline.send(event("b1", "2030-01-01", "XXX", "STATEMENT").build());
        pipeline.send(event("b2", "2030-01-01", "NOR", "STATEMENT").setFront("ocean").build());
        pipeline.send(event("b3", "2030-01-01", "NOR", "DEMAND_STATED").setPositions(List.of(demand("status", "st-moon"))).build());
        pipeline.send(event("b4", "2030-01-01", "NOR", "TEA_PARTY").build());
        pipeline.send(Event.newBuilder(event("b5", "2030-01-01", "NOR", "STATEMENT").build()).setConflict("atlantis").build());
        pipeline.send(event("ok", "2030-01-02", "NOR", "STATEMENT").build());

        List<DeadLetter> letters = pipeline.deadLetters();
        assertThat(letters).extracting(DeadLetter::getField)
                .containsExactly(null, "actor", "front", "positions[0].demand", "type", "conflict");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getStage()).isEqualTo("STREAMS");
            assertThat(l.getOrigin()).startsWith("topic ripeness.events partition 0 offset ");
        });
        assertThat(letters.get(0).getOriginal().array()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
        assertThat(letters.get(1).getReason()).contains("XXX").contains("NOR");
        assertThat(pipeline.current().getEventCount()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterCorrectionThatNamesAnotherConflictsEvent() {
        // Given the same event id space shared by another conflict on this partition
        PipelineDriver two = new PipelineDriver(dev.ripeness.conflict.ConflictCatalog.of(List.of(TestEvents.conflict(),
                new dev.ripeness.conflict.ConflictConfig("other-war", "Other", null, null,
                        TestEvents.conflict().actors(), TestEvents.conflict().dimensions(), TestEvents.conflict().fronts()))),
                dev.ripeness.streams.model.ModelConfig.bundled());
        try (two) {
            two.send(Event.newBuilder(event("o1", "2030-01-01", "NOR", "STATEMENT").build()).setConflict("other-war").build());
            two.send(event("fix", "2030-01-02", "NOR", "STATEMENT").setCorrects("o1").build());

            assertThat(two.deadLetters()).singleElement().satisfies(l -> {
                assertThat(l.getField()).isEqualTo("corrects");
                assertThat(l.getReason()).contains("other-war");
            });
        }
    }

    @Test
    void shouldKeepSiegeAndFrontWindowsWhenPublishingFrontIndicators() {
        pipeline.send(event("s1", "2030-01-01", "NOR", "SIEGE_STARTED").setFront("hills").build(),
                event("x1", "2030-03-01", "SOU", "STATEMENT").build());

        FrontIndicators hills = pipeline.value(Topics.FRONT_INDICATORS, C + "|hills|NOR");
        assertThat(hills.getSiegeDays()).isEqualTo(59);
        assertThat(hills.getWindows()).extracting(w -> w.getDays()).containsExactly(30, 90, 180);
    }

    @Test
    void shouldStampReplacedModelVersionAndUseItsParametersWhenAnotherModelFileIsGiven() throws Exception {
        String text = new String(getClass().getClassLoader().getResourceAsStream(
                dev.ripeness.streams.model.ModelConfig.DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8)
                .replace("\"ripeness-model-2\"", "\"no-channel-model\"")
                .replace("\"NEGOTIATION_ROUND\": 0.5", "\"NEGOTIATION_ROUND\": 0.0");
        dev.ripeness.streams.model.ModelConfig other = dev.ripeness.streams.model.ModelConfig.parse(
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "other.json");

        try (PipelineDriver custom = new PipelineDriver(TestEvents.catalog(), other)) {
            custom.send(event("n1", "2030-01-10", "NOR", "NEGOTIATION_ROUND").build());

            assertThat(custom.current().getModelVersion()).isEqualTo("no-channel-model");
            assertThat(custom.current().getComponents().getWayOut()).isZero();
            assertThat(custom.value(Topics.FRONT_INDICATORS, C + "|river|NOR").getModelVersion()).isEqualTo("no-channel-model");
        }
    }
}
