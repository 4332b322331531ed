package dev.ripeness.producers.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.producers.KafkaTestSupport;
import dev.ripeness.producers.TestConflicts;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.Event;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.topics.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(TestKafka.class)
class KafkaEventFeedTest {

    private static final String GOOD_1 = "{\"eventId\":\"f-1\",\"date\":\"2022-02-24\",\"conflict\":\"testwar\",\"actor\":\"RU\",\"type\":\"OFFENSIVE_LAUNCHED\",\"front\":\"kharkiv\",\"sources\":[\"t\"],\"confidence\":0.9}";
    private static final String GOOD_2 = "{\"eventId\":\"f-2\",\"date\":\"2022-03-29\",\"conflict\":\"testwar\",\"actor\":\"UA\",\"type\":\"POSITION_OFFERED\",\"positions\":[{\"dimension\":\"alignment\",\"accept\":\"B\"}],\"sources\":[\"t\"],\"confidence\":0.8}";
    private static final String BAD_DATE = "{\"eventId\":\"f-3\",\"date\":\"2022-02-30\",\"conflict\":\"testwar\",\"actor\":\"RU\",\"type\":\"STRIKE\",\"sources\":[\"t\"],\"confidence\":0.5}";
    private static final String NOT_JSON = "{\"eventId\":\"f-4\", date: 2022}";
    private static final String BAD_RUNG = "{\"eventId\":\"f-5\",\"date\":\"2022-04-15\",\"conflict\":\"testwar\",\"actor\":\"RU\",\"type\":\"PROPOSAL\",\"positions\":[{\"dimension\":\"alignment\",\"demand\":\"Z\"}],\"sources\":[\"t\"],\"confidence\":0.8}";

    private static String file() {
        // line 1 good, 2 blank, 3 bad date, 4 good, 5 not JSON, 6 bad rung, 7 repeats line 1
        return GOOD_1 + "\n\n" + BAD_DATE + "\n" + GOOD_2 + "\n" + NOT_JSON + "\n" + BAD_RUNG + "\n" + GOOD_1 + "\n";
    }

    @Test
    void shouldDeadLetterExactlyTheBadLinesWithReasonsWhenFileHasBadLines() {
        // Given fresh topics and a JSONL file with three bad lines among good ones
        FeedTopics topics = KafkaTestSupport.freshTopics("badlines");
        try (KafkaEventFeed feed = new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics,
                (c, id) -> false, KafkaEventFeed.DEFAULT_BATCH)) {
            // When it is fed
            List<RecordResult> results = new ArrayList<>();
            FeedSummary summary = feed.feed(Offers.jsonLines(new StringReader(file()), "file events.jsonl"), results::add);

            // Then the summary counts each outcome, in input order
            assertThat(summary.accepted()).isEqualTo(2);
            assertThat(summary.duplicates()).isEqualTo(1);
            assertThat(summary.rejected()).isEqualTo(3);
            assertThat(results).extracting(RecordResult::index).containsExactly(1, 3, 4, 5, 6, 7);
            assertThat(summary.firstReasons()).containsExactly(
                    "line 3: field `date`: `2022-02-30` is not a date",
                    results.get(3).reason(),
                    "line 6: field `positions[0].demand`: `Z` is not a rung of dimension alignment; its ladder is [A, B, C, D]");
            assertThat(results.get(3).reason()).startsWith("line 5: not valid JSON");

            // And the dead-letter topic holds exactly those records with their original bytes
            List<DeadLetter> letters = KafkaTestSupport.readAll(topics.deadLetters(), DeadLetter.class, "read_committed");
            assertThat(letters).hasSize(3);
            assertThat(letters).extracting(DeadLetter::getOrigin)
                    .containsExactly("file events.jsonl line 3", "file events.jsonl line 5", "file events.jsonl line 6");
            assertThat(letters).extracting(l -> StandardCharsets.UTF_8.decode(l.getOriginal()).toString())
                    .containsExactly(BAD_DATE, NOT_JSON, BAD_RUNG);
            assertThat(letters).extracting(DeadLetter::getField).containsExactly("date", null, "positions[0].demand");
            assertThat(letters).extracting(DeadLetter::getEventId).containsExactly("f-3", null, "f-5");
            assertThat(letters).allSatisfy(l -> assertThat(l.getStage()).isEqualTo("INGEST"));
            assertThat(letters.get(0).getReason()).isEqualTo("line 3: field `date`: `2022-02-30` is not a date");

            // And the log holds the two good events, stamped with origin and recording time
            List<Event> events = KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed");
            assertThat(events).extracting(Event::getEventId).containsExactlyInAnyOrder("f-1", "f-2");
            assertThat(events).extracting(Event::getOrigin)
                    .containsExactlyInAnyOrder("file events.jsonl line 1", "file events.jsonl line 4");
            assertThat(events).allSatisfy(e -> assertThat(e.getRecordedAt()).isPositive());
        }
    }

    @Test
    void shouldWriteEventsDatedBefore1970WithTheirArrivalAsTheRecordTimestamp() {
        // Given events of 1948 and 1969, whose dates are negative epoch millis, and a month-precision one
        FeedTopics topics = KafkaTestSupport.freshTopics("old");
        String old = "{\"eventId\":\"o-1\",\"date\":\"1948-05-15\",\"conflict\":\"testwar\",\"actor\":\"RU\",\"type\":\"OFFENSIVE_LAUNCHED\",\"sources\":[\"t\"],\"confidence\":0.9}\n"
                + "{\"eventId\":\"o-2\",\"date\":\"1969-03-01\",\"datePrecision\":\"MONTH\",\"conflict\":\"testwar\",\"actor\":\"UA\",\"type\":\"TALKS_SUSPENDED\",\"sources\":[\"t\"],\"confidence\":0.6}\n";
        long before = System.currentTimeMillis();
        try (KafkaEventFeed feed = new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics,
                (c, id) -> false, KafkaEventFeed.DEFAULT_BATCH)) {
            // When they are fed
            FeedSummary summary = feed.feed(Offers.jsonLines(new StringReader(old), "file old.jsonl"), r -> { });

            // Then both are in the log, dated as given, and the record timestamp is when they arrived
            assertThat(summary.accepted()).isEqualTo(2);
            assertThat(summary.rejected()).isZero();
        }
        var records = KafkaTestSupport.records(topics.events(), "read_committed");
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(before));
        List<Event> events = KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed");
        assertThat(events).extracting(Event::getDate).containsExactlyInAnyOrder("1948-05-15", "1969-03-01");
        assertThat(events).extracting(Event::getDatePrecision).containsExactlyInAnyOrder(null, "MONTH");
    }

    @Test
    void shouldReportDuplicatesAndWriteNothingNewWhenSameFileIsFedTwice() {
        // Given a file already fed once
        FeedTopics topics = KafkaTestSupport.freshTopics("twice");
        Map<String, Object> client = KafkaTestSupport.clientConfig();
        try (KafkaEventFeed first = new KafkaEventFeed(client, TestConflicts.catalog(), topics, (c, id) -> false, 500)) {
            first.feed(Offers.jsonLines(new StringReader(file()), "file events.jsonl"), r -> { });
        }
        int eventsBefore = KafkaTestSupport.records(topics.events(), "read_committed").size();
        // When it is fed again, knowing what the log holds
        EventLogIndex log = EventLogIndex.read(client, topics.events());
        try (KafkaEventFeed second = new KafkaEventFeed(client, TestConflicts.catalog(), topics, log, 500)) {
            FeedSummary summary = second.feed(Offers.jsonLines(new StringReader(file()), "file events.jsonl"), r -> { });
            // Then every good record is a duplicate and the log gains no event (bad lines are dead-lettered again)
            assertThat(summary.accepted()).isZero();
            assertThat(summary.duplicates()).isEqualTo(3);
            assertThat(summary.rejected()).isEqualTo(3);
        }
        assertThat(KafkaTestSupport.records(topics.events(), "read_committed")).hasSize(eventsBefore).hasSize(2);
    }

    @Test
    void shouldExposeNothingOfAnUnfinishedBatchWhenInputFailsMidBatch() {
        // Given batches of 3 and an input that breaks after 5 records (mid second batch)
        FeedTopics topics = KafkaTestSupport.freshTopics("txn");
        Iterator<Offer> good = IntStream.rangeClosed(1, 5).mapToObj(i -> Offers.jsonBody(GOOD_1.replace("f-1", "t-" + i), "test").get(0)).iterator();
        Iterator<Offer> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!good.hasNext()) {
                    throw new IllegalStateException("disk gone");
                }
                return true;
            }

            @Override
            public Offer next() {
                return good.next();
            }
        };
        try (KafkaEventFeed feed = new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics, (c, id) -> false, 3)) {
            // When the feed runs into the failure
            List<RecordResult> heard = new ArrayList<>();
            assertThatThrownBy(() -> feed.feed(failing, heard::add)).hasMessage("disk gone");
            // Then only the committed first batch was reported and is visible to read_committed readers
            assertThat(heard).extracting(RecordResult::eventId).containsExactly("t-1", "t-2", "t-3");
            assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed"))
                    .extracting(Event::getEventId).containsExactlyInAnyOrder("t-1", "t-2", "t-3");

            // And the feed is usable again afterwards
            FeedReport report = feed.feedJson("[" + GOOD_2 + "]", "POST /api/events");
            assertThat(report.accepted()).isEqualTo(1);
        }
    }

    @Test
    void shouldShowEventsCommittedAfterARestartAtOnceWhenTheKilledRunLeftATransactionOpen() {
        // Given a feeder killed mid-batch: its transaction stays open at the broker (a forced close sends no abort),
        // holding back the last stable offset of its partition for a long transaction timeout
        FeedTopics topics = KafkaTestSupport.freshTopics("zombie");
        String transactionalId = TestKafka.unique("ripeness-feed-test");
        Map<String, Object> zombieConfig = KafkaTestSupport.clientConfig();
        zombieConfig.put("transactional.id", transactionalId);
        zombieConfig.put("transaction.timeout.ms", 600_000);
        try (KafkaProducer<String, byte[]> killed = new KafkaProducer<>(zombieConfig, new StringSerializer(), new ByteArraySerializer())) {
            killed.initTransactions();
            killed.beginTransaction();
            killed.send(new ProducerRecord<>(topics.events(), "testwar", GOOD_2.getBytes(StandardCharsets.UTF_8)));
            killed.flush();
            killed.close(Duration.ZERO);
        }

        // When the restarted feed, with the same transactional.id, opens and writes an event
        Map<String, Object> config = KafkaTestSupport.clientConfig();
        config.put("transactional.id", transactionalId);
        try (KafkaEventFeed feed = new KafkaEventFeed(config, TestConflicts.catalog(), topics, (c, id) -> false, 500)) {
            feed.open();
            assertThat(feed.feedJson(GOOD_1, "POST /api/events").accepted()).isEqualTo(1);
        }

        // Then a read_committed reader sees it now (the killed run's transaction was aborted), and nothing of the killed one
        List<String> committed = new ArrayList<>();
        TopicReader.readToEnd(KafkaTestSupport.clientConfig(), topics.events(), Duration.ofMinutes(1),
                r -> committed.add(AvroSerde.of(Event.class).decode(r.value()).getEventId()));
        assertThat(committed).containsExactly("f-1");
    }

    @Test
    void shouldDeadLetterTheRecordWithBytesThatAreNotUtf8WithItsIndexAndKeepTheRest() {
        // Given a body of JSON lines whose second record holds a Windows-1252 dash (0x96), not UTF-8
        FeedTopics topics = KafkaTestSupport.freshTopics("utf8");
        byte[] bad = GOOD_2.replace("\"t\"", "\"t#\"").getBytes(StandardCharsets.UTF_8);
        bad[new String(bad, StandardCharsets.UTF_8).indexOf('#')] = (byte) 0x96;
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes((GOOD_1 + "\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bad);
        body.writeBytes(("\n" + GOOD_1.replace("f-1", "f-9")).getBytes(StandardCharsets.UTF_8));
        try (KafkaEventFeed feed = new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics,
                (c, id) -> false, KafkaEventFeed.DEFAULT_BATCH)) {
            // When it is fed
            FeedReport report = feed.feedJson(Utf8Body.decode(body.toByteArray()), "POST /api/events");

            // Then that record alone is rejected, naming its index, the byte and the fix; the others are written
            assertThat(report.results()).extracting(RecordResult::status).containsExactly(
                    RecordResult.Status.ACCEPTED, RecordResult.Status.REJECTED, RecordResult.Status.ACCEPTED);
            assertThat(report.results().get(1).reason()).startsWith("record 2: not valid UTF-8: byte 0x96")
                    .contains("send the body as UTF-8");
            assertThat(report.results().get(1).eventId()).isEqualTo("f-2");
            // And its dead letter keeps the bytes exactly as sent
            List<DeadLetter> letters = KafkaTestSupport.readAll(topics.deadLetters(), DeadLetter.class, "read_committed");
            assertThat(letters).hasSize(1);
            byte[] kept = new byte[letters.get(0).getOriginal().remaining()];
            letters.get(0).getOriginal().get(kept);
            assertThat(kept).isEqualTo(bad);
            assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed"))
                    .extracting(Event::getEventId).containsExactlyInAnyOrder("f-1", "f-9");
        }
    }

    @Test
    void shouldReturnPerRecordResultsWhenBodyIsAJsonArray() {
        FeedTopics topics = KafkaTestSupport.freshTopics("http");
        try (KafkaEventFeed feed = new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics,
                (c, id) -> id.equals("f-2"), 500)) {
            String body = "[\n  " + GOOD_1 + ",\n  " + BAD_DATE + ",\n  " + GOOD_2 + "\n]";
            FeedReport report = feed.feedJson(body, "POST /api/events from 127.0.0.1");
            assertThat(report.results()).extracting(RecordResult::index, RecordResult::eventId, RecordResult::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, "f-1", RecordResult.Status.ACCEPTED),
                            org.assertj.core.groups.Tuple.tuple(2, "f-3", RecordResult.Status.REJECTED),
                            org.assertj.core.groups.Tuple.tuple(3, "f-2", RecordResult.Status.DUPLICATE));
            assertThat(report.results().get(1).reason()).isEqualTo("record 2: field `date`: `2022-02-30` is not a date");
            DeadLetter letter = KafkaTestSupport.readAll(topics.deadLetters(), DeadLetter.class, "read_committed").get(0);
            assertThat(StandardCharsets.UTF_8.decode(letter.getOriginal()).toString()).isEqualTo(BAD_DATE);
            assertThat(letter.getOrigin()).isEqualTo("POST /api/events from 127.0.0.1 record 2");
        }
    }

    @Test
    void shouldRejectWholeBodyWhenItIsBrokenJson() {
        FeedTopics topics = KafkaTestSupport.freshTopics("broken");
        try (KafkaEventFeed feed = new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics, (c, id) -> false, 500)) {
            FeedReport report = feed.feedJson("[" + GOOD_1 + ", {", "POST /api/events");
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.results().get(0).reason()).startsWith("body: not a valid JSON array");
        }
    }
}
