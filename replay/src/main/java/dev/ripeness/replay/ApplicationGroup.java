package dev.ripeness.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the broker knows about a Kafka Streams application's group: its live members, the
 * offsets it committed on the event log, and the log's own offsets. Works for both group
 * protocols ({@code classic}, the default, and {@code streams}).
 */
public final class ApplicationGroup {

    private final Admin admin;
    private final String applicationId;

    public ApplicationGroup(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    public String applicationId() {
        return applicationId;
    }

    /** Members of the group now (0 when the application is not running anywhere). */
    public int activeMembers() {
        Optional<GroupType> type = type();
        if (type.isEmpty()) {
            return 0;
        }
        try {
            if (type.get() == GroupType.STREAMS) {
                return admin.describeStreamsGroups(List.of(applicationId)).all().get().get(applicationId).members().size();
            }
            return admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw new IllegalStateException("cannot describe group " + applicationId + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Offsets the application committed on {@code topic}'s partitions (absent partitions: none yet). */
    public Map<TopicPartition, Long> committed(String topic) {
        Optional<GroupType> type = type();
        Map<TopicPartition, Long> out = new HashMap<>();
        if (type.isEmpty()) {
            return out;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = type.get() == GroupType.STREAMS
                    ? admin.listStreamsGroupOffsets(Map.of(applicationId, new ListStreamsGroupOffsetsSpec()))
                        .partitionsToOffsetAndMetadata(applicationId).get()
                    : admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            offsets.forEach((tp, om) -> {
                if (om != null && tp.topic().equals(topic)) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return out;
            }
            throw new IllegalStateException("cannot read the offsets of group " + applicationId + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /**
     * How many offsets of {@code target} the application has not committed yet on {@code topic}
     * (0 when it has processed everything up to there; a partition it never committed counts from 0).
     */
    public long behind(String topic, Map<TopicPartition, Long> target) {
        Map<TopicPartition, Long> committed = committed(topic);
        return target.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
    }

    /** Deletes the group and its committed offsets; the application then starts from the beginning. */
    public void delete() {
        Optional<GroupType> type = type();
        if (type.isEmpty()) {
            return;
        }
        try {
            if (type.get() == GroupType.STREAMS) {
                admin.deleteStreamsGroups(List.of(applicationId)).all().get();
            } else {
                admin.deleteConsumerGroups(List.of(applicationId)).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("cannot delete group " + applicationId + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** The application's internal topics ({@code <application.id>-...-changelog/-repartition}). */
    public List<String> internalTopics() {
        try {
            return admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                    .sorted().toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** End offsets of every partition of {@code topic} now. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        return offsets(admin, topic, OffsetSpec.latest());
    }

    /** Earliest offsets of every partition of {@code topic} now. */
    public static Map<TopicPartition, Long> beginningOffsets(Admin admin, String topic) {
        return offsets(admin, topic, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            d.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
            Map<TopicPartition, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(request).all().get().entrySet()) {
                out.put(e.getKey(), e.getValue().offset());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + topic + " does not exist: start `ripeness run` once, or feed events first");
            }
            throw new IllegalStateException("cannot read the offsets of " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private Optional<GroupType> type() {
        try {
            for (GroupListing g : admin.listGroups().all().get()) {
                if (g.groupId().equals(applicationId)) {
                    return Optional.of(g.type().orElse(GroupType.CLASSIC));
                }
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list groups: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted", e);
    }
}
