package dev.ripeness.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions left open in the consumer offsets topic that the transaction coordinator no longer knows
 * ("hanging" transactions), found and aborted for a broker that {@code run} owns.
 *
 * <p>Why: after a kill -9 of {@code run} (the embedded broker dies with it), a restart now and then finds a
 * pending transactional offset commit of the killed pipeline in {@code __consumer_offsets} whose transaction the
 * coordinator has already ended without writing its marker there. Nothing ever ends it: every read_committed
 * consumer of the group (the pipeline) asks for its committed offsets, is told they are unstable, and asks again,
 * so the pipeline stays REBALANCING for good. Kafka's own remedy is an operator's {@code kafka-transactions.sh
 * find-hanging} then {@code abort}; this does the same for the broker that {@code run} owns. Aborting a pending
 * offset commit is safe for the pipeline: at worst it resumes from the offsets committed before, and its ledger
 * treats events seen again as duplicates.
 *
 * <p>Only the offsets topic is searched: an open transaction in a data topic may hold events a feeder was told are
 * written, and is left to the coordinator.
 */
public final class HangingTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final long LIMIT_SECONDS = 30;

    private HangingTransactions() {}

    /** An open transaction found in a partition: its producer, epoch, the coordinator epoch of its last marker, where it starts. */
    public record Open(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long startOffset) {}

    /** What the coordinator says of a producer's transactional id: its id, state, epoch and the partitions of its transaction. */
    public record Coordinator(String transactionalId, TransactionState state, int producerEpoch, Collection<TopicPartition> partitions) {}

    /**
     * The open transactions the coordinator does not hold on their partition (Kafka's own rule in {@code
     * kafka-transactions.sh find-hanging}): {@code coordinator} maps a producer id to what the coordinator says of
     * it (absent: it knows no transactional id with that producer).
     */
    public static List<Open> hanging(List<Open> open, Map<Long, Coordinator> coordinator) {
        List<Open> out = new ArrayList<>();
        for (Open o : open) {
            Coordinator c = coordinator.get(o.producerId());
            if (c == null || !c.partitions().contains(o.partition())) {
                out.add(o);
            }
        }
        return out;
    }

    /** The transactions open in the offsets topic, as its partitions' leaders see them. */
    public static List<Open> open(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        return openIn(admin, offsetsPartitions(admin));
    }

    /**
     * The hanging transactions of the offsets topic: open there, not held by the coordinator, and still open when
     * asked again after the coordinator (one that ended meanwhile has its marker written and is not hanging).
     */
    public static List<Open> find(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = offsetsPartitions(admin);
        List<Open> open = openIn(admin, partitions);
        if (open.isEmpty()) {
            return List.of();
        }
        Map<Long, Coordinator> view = coordinatorView(admin, open);
        List<Open> stillOpen = openIn(admin, partitions);
        List<Open> found = hanging(open, view).stream().filter(stillOpen::contains).toList();
        for (Open h : found) {
            Coordinator c = view.get(h.producerId());
            LOG.warn("transaction left open in {} at offset {} by producer {} (epoch {}); the transaction coordinator {}",
                    h.partition(), h.startOffset(), h.producerId(), h.producerEpoch(), c == null ? "knows no transactional id "
                            + "with this producer" : "has transactional id " + c.transactionalId() + " at epoch " + c.producerEpoch()
                            + ", " + c.state() + ", without this partition");
        }
        return found;
    }

    /**
     * Finds the hanging transactions of the offsets topic and aborts them; returns those it aborted. Failures are
     * logged, not thrown. Nothing is aborted unless the cluster runs transaction version 2 or later, where every
     * transaction has its own producer epoch, so an abort of an ended transaction's epoch is refused as stale
     * instead of ending the producer's next one.
     */
    public static List<Open> abortInOffsetsTopic(Admin admin) {
        List<Open> found;
        try {
            if (transactionVersion(admin) < 2) {
                return List.of();
            }
            found = find(admin);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("could not look for transactions left hanging in {}: {}", Topic.GROUP_METADATA_TOPIC_NAME,
                    e instanceof ExecutionException ? e.getCause().toString() : e instanceof TimeoutException
                            ? "no answer within " + LIMIT_SECONDS + " s" : e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<Open> aborted = new ArrayList<>();
        for (Open h : found) {
            AbortTransactionSpec spec = new AbortTransactionSpec(h.partition(), h.producerId(), (short) h.producerEpoch(),
                    h.coordinatorEpoch());
            try {
                admin.abortTransaction(spec).all().get(LIMIT_SECONDS, TimeUnit.SECONDS);
                LOG.warn("aborted the transaction left hanging in {} at offset {} by producer {} (epoch {}): a crash's leftover "
                        + "that kept the pipeline from reading its committed offsets", h.partition(), h.startOffset(),
                        h.producerId(), h.producerEpoch());
                aborted.add(h);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warn("could not abort {} (kafka-transactions.sh abort does the same by hand): {}", spec,
                        e instanceof ExecutionException ? e.getCause().toString() : e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return aborted;
    }

    private static short transactionVersion(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        var level = admin.describeFeatures().featureMetadata().get(LIMIT_SECONDS, TimeUnit.SECONDS)
                .finalizedFeatures().get("transaction.version");
        return level == null ? 0 : level.maxVersionLevel();
    }

    private static List<TopicPartition> offsetsPartitions(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(Topic.GROUP_METADATA_TOPIC_NAME)).allTopicNames().get(LIMIT_SECONDS, TimeUnit.SECONDS)
                .get(Topic.GROUP_METADATA_TOPIC_NAME).partitions().stream()
                .map(p -> new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, p.partition())).toList();
    }

    /** The transactions open in {@code partitions}, as the partitions' leaders see them. */
    private static List<Open> openIn(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<Open> open = new ArrayList<>();
        admin.describeProducers(partitions).all().get(LIMIT_SECONDS, TimeUnit.SECONDS).forEach((tp, producers) -> {
            for (ProducerState p : producers.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    open.add(new Open(tp, p.producerId(), p.producerEpoch(), p.coordinatorEpoch().orElse(0),
                            p.currentTransactionStartOffset().getAsLong()));
                }
            }
        });
        return open;
    }

    private static Map<Long, Coordinator> coordinatorView(Admin admin, List<Open> open)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<Long> producerIds = new java.util.HashSet<>();
        open.forEach(o -> producerIds.add(o.producerId()));
        Map<String, Long> idOf = new HashMap<>();
        for (TransactionListing t : admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
                .all().get(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            idOf.put(t.transactionalId(), t.producerId());
        }
        Map<Long, Coordinator> view = new HashMap<>();
        if (!idOf.isEmpty()) {
            Map<String, TransactionDescription> described = admin.describeTransactions(idOf.keySet()).all()
                    .get(LIMIT_SECONDS, TimeUnit.SECONDS);
            described.forEach((id, d) -> view.put(idOf.get(id), new Coordinator(id, d.state(), d.producerEpoch(), d.topicPartitions())));
        }
        return view;
    }
}
