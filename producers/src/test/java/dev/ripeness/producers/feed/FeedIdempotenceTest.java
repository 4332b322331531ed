package dev.ripeness.producers.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ripeness.broker.testing.TestKafka;
import dev.ripeness.producers.KafkaTestSupport;
import dev.ripeness.producers.TestConflicts;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one idempotence rule of a feed that asks the log ({@link EventLogContents}), on a real
 * broker: re-posting is a DUPLICATE; the same eventId with other content is a conflict,
 * rejected and dead-lettered; unreadable records are per-record dead letters naming their id.
 */
@Tag("integration")
@ExtendWith(TestKafka.class)
class FeedIdempotenceTest {

    private static final String E1 = "{\"eventId\":\"i-1\",\"date\":\"2022-02-24\",\"conflict\":\"testwar\",\"actor\":\"RU\",\"type\":\"OFFENSIVE_LAUNCHED\",\"front\":\"kharkiv\",\"sources\":[\"t\"],\"confidence\":0.9}";
    private static final String E2 = "{\"eventId\":\"i-2\",\"date\":\"2022-03-29\",\"conflict\":\"testwar\",\"actor\":\"UA\",\"type\":\"STATEMENT\",\"sources\":[\"t\"],\"confidence\":0.8}";
    private static final String E1_CHANGED = E1.replace("0.9}", "0.4}");

    private static KafkaEventFeed feed(FeedTopics topics, EventLogContents log) {
        return new KafkaEventFeed(KafkaTestSupport.clientConfig(), TestConflicts.catalog(), topics, log, KafkaEventFeed.DEFAULT_BATCH);
    }

    @Test
    void shouldReportDuplicatesAndWriteNothingWhenTheSameBodyIsPostedTwiceEvenByAnotherFeeder() {
        // Given a body fed once
        FeedTopics topics = KafkaTestSupport.freshTopics("repost");
        Map<String, Object> client = KafkaTestSupport.clientConfig();
        String body = "[" + E1 + "," + E2 + "]";
        try (EventLogContents log = new EventLogContents(client, topics.events()); KafkaEventFeed first = feed(topics, log)) {
            assertThat(first.feedJson(body, "POST 1").accepted()).isEqualTo(2);
            // When the same feed gets it again
            FeedReport again = first.feedJson(body, "POST 2");
            // Then both are duplicates
            assertThat(again.results()).extracting(RecordResult::eventId, RecordResult::status)
                    .containsExactly(tuple("i-1", RecordResult.Status.DUPLICATE), tuple("i-2", RecordResult.Status.DUPLICATE));
        }
        // And a feeder started later (another instance) learns it from the log
        try (EventLogContents log = new EventLogContents(client, topics.events()); KafkaEventFeed other = feed(topics, log)) {
            FeedReport third = other.feedJson(body, "POST 3");
            assertThat(third.duplicates()).isEqualTo(2);
            assertThat(third.accepted()).isZero();
        }
        assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed")).hasSize(2);
    }

    @Test
    void shouldRejectAndDeadLetterTheSameEventIdWithOtherContentPointingAtCorrects() {
        // Given i-1 in the log
        FeedTopics topics = KafkaTestSupport.freshTopics("conflict");
        try (EventLogContents log = new EventLogContents(KafkaTestSupport.clientConfig(), topics.events()); KafkaEventFeed feed = feed(topics, log)) {
            feed.feedJson("[" + E1 + "]", "POST 1");

            // When i-1 comes again with another confidence, beside a new good event
            FeedReport report = feed.feedJson("[" + E1_CHANGED + "," + E2 + "]", "POST 2");

            // Then it is rejected as a conflict naming the fix, and the good one goes on
            assertThat(report.results()).extracting(RecordResult::eventId, RecordResult::status)
                    .containsExactly(tuple("i-1", RecordResult.Status.REJECTED), tuple("i-2", RecordResult.Status.ACCEPTED));
            assertThat(report.results().get(0).reason()).contains("already in the log with other content", "\"corrects\": \"i-1\"");
        }
        List<DeadLetter> letters = KafkaTestSupport.readAll(topics.deadLetters(), DeadLetter.class, "read_committed");
        assertThat(letters).extracting(DeadLetter::getEventId, DeadLetter::getField).containsExactly(tuple("i-1", "eventId"));
        assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed"))
                .extracting(Event::getEventId, Event::getConfidence).containsExactlyInAnyOrder(tuple("i-1", 0.9), tuple("i-2", 0.8));
    }

    @Test
    void shouldRejectTheSecondOfTwoDifferentRecordsWithOneEventIdInOneBody() {
        FeedTopics topics = KafkaTestSupport.freshTopics("inbody");
        try (EventLogContents log = new EventLogContents(KafkaTestSupport.clientConfig(), topics.events()); KafkaEventFeed feed = feed(topics, log)) {
            FeedReport report = feed.feedJson(E1 + "\n" + E1_CHANGED + "\n" + E1 + "\n", "POST");
            assertThat(report.results()).extracting(RecordResult::status).containsExactly(
                    RecordResult.Status.ACCEPTED, RecordResult.Status.REJECTED, RecordResult.Status.DUPLICATE);
            assertThat(report.results().get(1).reason()).contains("earlier in this input with other content");
        }
    }

    @Test
    void shouldNameTheEventIdOfARecordRejectedForAnUnknownField() {
        FeedTopics topics = KafkaTestSupport.freshTopics("unknownfield");
        try (EventLogContents log = new EventLogContents(KafkaTestSupport.clientConfig(), topics.events()); KafkaEventFeed feed = feed(topics, log)) {
            FeedReport report = feed.feedJson("[" + E1.replace("\"front\"", "\"frnot\"") + "]", "POST");
            assertThat(report.results()).extracting(RecordResult::eventId, RecordResult::status)
                    .containsExactly(tuple("i-1", RecordResult.Status.REJECTED));
            assertThat(report.results().get(0).reason()).contains("frnot");
        }
        assertThat(KafkaTestSupport.readAll(topics.deadLetters(), DeadLetter.class, "read_committed"))
                .extracting(DeadLetter::getEventId).containsExactly("i-1");
    }

    @Test
    void shouldDeadLetterANestedArrayOfTenThousandLevelsAsOneRecordAndKeepTheOthers() {
        FeedTopics topics = KafkaTestSupport.freshTopics("nested");
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        try (EventLogContents log = new EventLogContents(KafkaTestSupport.clientConfig(), topics.events()); KafkaEventFeed feed = feed(topics, log)) {
            // As an element of an array body, and as a line of JSON lines
            FeedReport array = feed.feedJson("[" + E1 + "," + deep + "," + E2 + "]", "POST array");
            FeedReport lines = feed.feedJson(E2.replace("i-2", "i-3") + "\n" + deep + "\n", "POST lines");

            assertThat(array.results()).extracting(RecordResult::index, RecordResult::status).containsExactly(
                    tuple(1, RecordResult.Status.ACCEPTED), tuple(2, RecordResult.Status.REJECTED), tuple(3, RecordResult.Status.ACCEPTED));
            assertThat(array.results().get(1).reason()).contains("record 2", "not valid JSON", "nesting depth");
            assertThat(lines.results()).extracting(RecordResult::status)
                    .containsExactly(RecordResult.Status.ACCEPTED, RecordResult.Status.REJECTED);
        }
        assertThat(KafkaTestSupport.readAll(topics.deadLetters(), DeadLetter.class, "read_committed")).hasSize(2);
        assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed"))
                .extracting(Event::getEventId).containsExactlyInAnyOrder("i-1", "i-2", "i-3");
    }

    @Test
    void shouldCountEventsOnAPartitionAddedToTheLogAfterTheFeedFirstReadIt() throws Exception {
        // Given a feed that has read the log (two partitions) once
        FeedTopics topics = KafkaTestSupport.freshTopics("grown");
        Map<String, Object> client = KafkaTestSupport.clientConfig();
        Event e2 = dev.ripeness.producers.event.EventJson.parse(E2);
        try (EventLogContents log = new EventLogContents(client, topics.events()); KafkaEventFeed feed = feed(topics, log);
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(client);
             KafkaProducer<String, byte[]> other = new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
            assertThat(feed.feedJson("[" + E1 + "]", "POST 1").accepted()).isEqualTo(1);
            // When the log gets a third partition and another feeder writes i-2 there
            admin.createPartitions(Map.of(topics.events(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(3))).all()
                    .get(1, TimeUnit.MINUTES);
            other.send(new ProducerRecord<>(topics.events(), 2, "testwar", dev.ripeness.schema.serde.AvroSerde.of(Event.class)
                    .encode(e2))).get(1, TimeUnit.MINUTES);
            // and i-3 on partition 0, which the feed read before
            String e3 = E2.replace("i-2", "i-3");
            other.send(new ProducerRecord<>(topics.events(), 0, "testwar", dev.ripeness.schema.serde.AvroSerde.of(Event.class)
                    .encode(dev.ripeness.producers.event.EventJson.parse(e3)))).get(1, TimeUnit.MINUTES);

            // Then the feed finds both: posting them is a duplicate, not a second copy (the new partition read from its
            // beginning, the old ones from where the feed had got to)
            FeedReport report = feed.feedJson("[" + E2 + "," + e3 + "]", "POST 2");
            assertThat(report.results()).extracting(RecordResult::eventId, RecordResult::status)
                    .containsExactly(tuple("i-2", RecordResult.Status.DUPLICATE), tuple("i-3", RecordResult.Status.DUPLICATE));
        }
        assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed"))
                .extracting(Event::getEventId).containsExactlyInAnyOrder("i-1", "i-2", "i-3");
    }

    @Test
    void shouldWaitForATransactionStillOpenOnTheLogAndCountWhatItCommits() throws Exception {
        // Given another feeder's transaction holding i-1, written to the log but not yet decided
        // (as a killed run's is while the broker completes its commit after a restart)
        FeedTopics topics = KafkaTestSupport.freshTopics("undecided");
        Map<String, Object> client = KafkaTestSupport.clientConfig();
        Event e1 = dev.ripeness.producers.event.EventJson.parse(E1);
        try (KafkaProducer<String, byte[]> other = new KafkaProducer<>(KafkaEventFeed.producerConfig(client, "undecided-other"),
                new StringSerializer(), new ByteArraySerializer());
             EventLogContents log = new EventLogContents(client, topics.events()); KafkaEventFeed feed = feed(topics, log)) {
            feed.open();
            log.catchUp(); // the feed's clients are up: what follows is its decision alone
            other.initTransactions();
            other.beginTransaction();
            other.send(new ProducerRecord<>(topics.events(), "testwar", dev.ripeness.schema.serde.AvroSerde.of(Event.class).encode(e1))).get();
            // When the same event is posted while that transaction is open, and the transaction commits 2 s later
            java.util.concurrent.atomic.AtomicLong committing = new java.util.concurrent.atomic.AtomicLong();
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                committing.set(System.nanoTime());
                other.commitTransaction();
            }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
            FeedReport report = feed.feedJson("[" + E1 + "," + E2 + "]", "POST");
            long answered = System.nanoTime();
            commit.get(1, TimeUnit.MINUTES);

            // Then the feed waited for the decision: i-1 is a duplicate, and the log holds it once
            assertThat(committing.get()).as("the feed answered only once the transaction was being committed").isPositive()
                    .isLessThan(answered);
            assertThat(report.results()).extracting(RecordResult::eventId, RecordResult::status)
                    .containsExactly(tuple("i-1", RecordResult.Status.DUPLICATE), tuple("i-2", RecordResult.Status.ACCEPTED));
        }
        assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed"))
                .extracting(Event::getEventId).containsExactlyInAnyOrder("i-1", "i-2");
    }

    @Test
    void shouldWriteNothingAndNameTheTransactionWhenOneStaysOpenPastTheLimit() throws Exception {
        // Given another feeder's transaction open on the log, and never ended while the feed waits
        FeedTopics topics = KafkaTestSupport.freshTopics("stuck");
        Map<String, Object> client = KafkaTestSupport.clientConfig();
        String otherId = "stuck-other-" + System.nanoTime();
        try (KafkaProducer<String, byte[]> other = new KafkaProducer<>(KafkaEventFeed.producerConfig(client, otherId),
                new StringSerializer(), new ByteArraySerializer());
             EventLogContents log = new EventLogContents(client, topics.events()); KafkaEventFeed feed = feed(topics, log)) {
            other.initTransactions();
            other.beginTransaction();
            other.send(new ProducerRecord<>(topics.events(), "testwar", dev.ripeness.schema.serde.AvroSerde.of(Event.class)
                    .encode(dev.ripeness.producers.event.EventJson.parse(E1)))).get();

            // When an event is posted
            // Then the feed gives up after its limit, retriable, naming where the transaction starts, whose it is and its state
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> feed.feedJson("[" + E2 + "]", "POST"))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining("still open")
                    .hasMessageContaining("from offset 0")
                    .hasMessageContaining("coordinator: " + otherId + " Ongoing")
                    .hasMessageContaining("nothing was written")
                    .satisfies(e -> assertThat(((FeedException) e).retriable()).isTrue());
            other.abortTransaction();
        }
        assertThat(KafkaTestSupport.readAll(topics.events(), Event.class, "read_committed")).isEmpty();
    }
}
