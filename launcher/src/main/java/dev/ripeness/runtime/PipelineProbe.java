package dev.ripeness.runtime;

import dev.ripeness.api.http.PipelineStatus;
import dev.ripeness.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live pipeline's progress, for {@code /ready} and {@code /metrics}: its Kafka Streams
 * state, its lag on the event log (committed log end, i.e. the last stable offset, minus the
 * group's committed offset, summed over partitions) and the dead-letter topic's committed end.
 * Offsets are read at most once a second however often probes ask.
 */
final class PipelineProbe implements PipelineStatus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineProbe.class);
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final KafkaStreams streams;
    private final String groupId;
    private final Admin admin;
    private long readAt = System.nanoTime() - 2 * REFRESH_NANOS;
    private long lag = -1;
    private long deadLetters = -1;

    PipelineProbe(KafkaStreams streams, String groupId, Map<String, Object> clientConfig) {
        this.streams = streams;
        this.groupId = groupId;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("default.api.timeout.ms", 5_000);
        config.put("request.timeout.ms", 3_000);
        this.admin = Admin.create(config);
    }

    @Override
    public String state() {
        return streams.state().name();
    }

    @Override
    public synchronized long lag() {
        refresh();
        return lag;
    }

    @Override
    public synchronized long deadLetters() {
        refresh();
        return deadLetters;
    }

    @Override
    public long processed() {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if ("process-total".equals(name.name()) && "stream-thread-metrics".equals(name.group())
                    && e.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return (long) total;
    }

    private void refresh() {
        if (System.nanoTime() - readAt < REFRESH_NANOS) {
            return;
        }
        readAt = System.nanoTime();
        try {
            Map<TopicPartition, Long> events = committedEnds(Topics.EVENTS.name());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> end : events.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            lag = behind;
            deadLetters = committedEnds(Topics.DEAD_LETTERS.name()).values().stream().mapToLong(Long::longValue).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lag = -1;
        } catch (Exception e) {
            LOG.debug("cannot read the pipeline's offsets: {}", e.toString());
            lag = -1;
        }
    }

    /** The last stable offset of every partition of {@code topic}: what a read_committed consumer can reach. */
    private Map<TopicPartition, Long> committedEnds(String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(5, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResultInfo) e.getValue()).offset()));
    }

    @Override
    public void close() {
        admin.close();
    }
}
