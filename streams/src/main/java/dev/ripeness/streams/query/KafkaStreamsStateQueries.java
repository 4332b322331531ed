package dev.ripeness.streams.query;

import static dev.ripeness.streams.topology.StoreNames.MAX_DATE;
import static dev.ripeness.streams.topology.StoreNames.MIN_DATE;
import static dev.ripeness.streams.topology.StoreNames.dateKey;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.ripeness.DayOutputs;
import dev.ripeness.streams.topology.Codecs;
import dev.ripeness.streams.topology.StoreNames;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * {@link StateQueries} over the pipeline's own stores with Interactive Queries v2. Every
 * answer comes from the {@code day-outputs} store keyed {@code conflict|date}: as of a date
 * is one descending range seek for the latest key at or before it. Stores are partitioned
 * by conflict, so each query asks only the partition {@code queryMetadataForKey} names.
 */
public final class KafkaStreamsStateQueries implements StateQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param streams the running pipeline
     * @param applicationServer this instance's {@code application.server} ({@code host:port}),
     *     null when only one instance runs
     */
    public KafkaStreamsStateQueries(KafkaStreams streams, String applicationServer) {
        this.streams = streams;
        this.self = applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer);
    }

    @Override
    public List<String> conflicts() {
        TreeSet<String> ids = new TreeSet<>();
        StateQueryResult<KeyValueIterator<String, byte[]>> result = streams.query(
                StateQueryRequest.inStore(StoreNames.LATEST).withQuery(RangeQuery.<String, byte[]>withNoBounds()));
        for (QueryResult<KeyValueIterator<String, byte[]>> partition : result.getPartitionResults().values()) {
            if (!partition.isSuccess()) {
                throw unavailable(partition);
            }
            try (KeyValueIterator<String, byte[]> it = partition.getResult()) {
                it.forEachRemaining(kv -> ids.add(kv.key));
            }
        }
        return List.copyOf(ids);
    }

    @Override
    public Optional<RipenessAssessment> ripeness(String conflict, LocalDate asOf) {
        return outputs(conflict, asOf).map(DayOutputs::assessment);
    }

    @Override
    public List<RipenessAssessment> timeline(String conflict, LocalDate from, LocalDate to) {
        RangeQuery<String, byte[]> query = RangeQuery.withRange(
                dateKey(conflict, from == null ? MIN_DATE : from.toString()),
                dateKey(conflict, to == null ? MAX_DATE : to.toString()));
        List<RipenessAssessment> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = range(conflict, query)) {
            it.forEachRemaining(kv -> out.add(Codecs.outputs(kv.value).assessment()));
        }
        return out;
    }

    @Override
    public Optional<ActorDemandState> actor(String conflict, String actor, LocalDate asOf) {
        return outputs(conflict, asOf).flatMap(o -> o.actors().stream().filter(a -> a.getActor().equals(actor)).findFirst());
    }

    @Override
    public List<FrontIndicators> fronts(String conflict, LocalDate asOf) {
        return outputs(conflict, asOf).map(DayOutputs::fronts).orElse(List.of());
    }

    @Override
    public List<DemandGap> demandGaps(String conflict, LocalDate asOf) {
        return outputs(conflict, asOf).map(DayOutputs::gaps).orElse(List.of());
    }

    @Override
    public Optional<String> ownerElsewhere(String conflict) {
        if (self == null) {
            return Optional.empty();
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(StoreNames.OUTPUTS, conflict, KEYS);
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE || meta.activeHost() == null
                || meta.activeHost().equals(self)) {
            return Optional.empty();
        }
        return Optional.of(meta.activeHost().host() + ":" + meta.activeHost().port());
    }

    @Override
    public boolean hasEvent(String conflict, String eventId) {
        QueryResult<byte[]> r = single(conflict, StoreNames.EVENTS, KeyQuery.withKey(eventId));
        return r.getResult() != null;
    }

    /** The records of the latest event date at or before {@code asOf} (latest overall when null). */
    private Optional<DayOutputs> outputs(String conflict, LocalDate asOf) {
        RangeQuery<String, byte[]> query = RangeQuery.<String, byte[]>withRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, asOf == null ? MAX_DATE : asOf.toString())).withDescendingKeys();
        try (KeyValueIterator<String, byte[]> it = range(conflict, query)) {
            return it.hasNext() ? Optional.of(Codecs.outputs(it.next().value)) : Optional.empty();
        }
    }

    private KeyValueIterator<String, byte[]> range(String conflict, RangeQuery<String, byte[]> query) {
        return single(conflict, StoreNames.OUTPUTS, query).getResult();
    }

    private <R> QueryResult<R> single(String conflict, String store, org.apache.kafka.streams.query.Query<R> query) {
        int partition = partitionOf(conflict, store);
        StateQueryResult<R> result;
        try {
            result = streams.query(StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition)));
        } catch (StreamsException e) {
            throw new StateUnavailableException("state store " + store + " is not queryable now: " + e.getMessage(), e);
        }
        Map<Integer, QueryResult<R>> partitions = result.getPartitionResults();
        QueryResult<R> r = partitions.get(partition);
        if (r == null) {
            throw new StateUnavailableException("partition " + partition + " of " + store
                    + " is not held by this instance" + ownerElsewhere(conflict).map(h -> "; ask " + h).orElse(""));
        }
        if (!r.isSuccess()) {
            throw unavailable(r);
        }
        return r;
    }

    private int partitionOf(String conflict, String store) {
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, conflict, KEYS);
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE) {
            throw new StateUnavailableException("the pipeline is starting or rebalancing; try again shortly");
        }
        return meta.partition();
    }

    private static StateUnavailableException unavailable(QueryResult<?> r) {
        return new StateUnavailableException("state not available (" + r.getFailureReason() + "): " + r.getFailureMessage());
    }
}
