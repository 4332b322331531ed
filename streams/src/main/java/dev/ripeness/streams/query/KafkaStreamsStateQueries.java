package dev.ripeness.streams.query;

import static dev.ripeness.streams.topology.StoreNames.MAX_DATE;
import static dev.ripeness.streams.topology.StoreNames.MIN_DATE;
import static dev.ripeness.streams.topology.StoreNames.dateKey;

import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictSnapshot;
import dev.ripeness.streams.ripeness.DayOutputs;
import dev.ripeness.streams.ripeness.RipenessModel;
import dev.ripeness.streams.ripeness.SnapshotCodec;
import dev.ripeness.streams.topology.Codecs;
import dev.ripeness.streams.topology.EventRows;
import dev.ripeness.streams.topology.StoreNames;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
 * is one descending range seek for the latest key at or before it; an assessment asked for a
 * day after that key is the snapshot of that key decayed to the day ({@code RipenessModel#at}). Stores are partitioned
 * by conflict, so each query asks only the partition {@code queryMetadataForKey} names.
 */
public final class KafkaStreamsStateQueries implements StateQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final ConflictCatalog catalog;
    private final ModelConfig model;
    private final Map<String, RipenessModel> models = new ConcurrentHashMap<>();

    /**
     * @param streams the running pipeline
     * @param applicationServer this instance's {@code application.server} ({@code host:port}),
     *     null when only one instance runs
     */
    public KafkaStreamsStateQueries(KafkaStreams streams, String applicationServer) {
        this(streams, applicationServer, null, null);
    }

    /**
     * @param catalog and {@code model}: what the pipeline runs, so that an assessment asked as of
     *     a day without events is the last event date's state decayed to that day; without them
     *     (null) such a day answers with the last event date's record
     */
    public KafkaStreamsStateQueries(KafkaStreams streams, String applicationServer, ConflictCatalog catalog,
                                    ModelConfig model) {
        this.streams = streams;
        this.self = applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer);
        this.catalog = catalog;
        this.model = model;
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
        Optional<RipenessAssessment> last = outputs(conflict, asOf).map(DayOutputs::assessment);
        if (last.isEmpty() || asOf == null || model == null || last.get().getAsOf().equals(asOf.toString())) {
            return last;
        }
        Optional<RipenessModel> m = catalog.find(conflict)
                .map(c -> models.computeIfAbsent(conflict, k -> new RipenessModel(c, model)));
        if (m.isEmpty()) {
            return last;
        }
        return snapshotAt(conflict, last.get().getAsOf(), m.get()).map(s -> m.get().at(s, asOf)).or(() -> last);
    }

    /**
     * The model state at the end of event date {@code date}: the latest checkpoint at or before it
     * (the processor keeps one per block of dates), folded forward through the effective events of
     * the dates after it. A query folds at most one block; the stores are not written.
     */
    private Optional<ConflictSnapshot> snapshotAt(String conflict, String date, RipenessModel m) {
        String checkpoint = null;
        byte[] bytes = null;
        RangeQuery<String, byte[]> latest = RangeQuery.<String, byte[]>withRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, date)).withDescendingKeys();
        for (QueryResult<KeyValueIterator<String, byte[]>> r : results(conflict, StoreNames.SNAPSHOTS, latest)) {
            try (KeyValueIterator<String, byte[]> it = r.getResult()) {
                if (bytes == null && it.hasNext()) {
                    var kv = it.next();
                    checkpoint = kv.key.substring(conflict.length() + 1);
                    bytes = kv.value;
                }
            }
        }
        if (bytes == null) {
            return Optional.empty();
        }
        ConflictSnapshot snapshot = SnapshotCodec.decode(bytes);
        if (checkpoint.equals(date)) {
            return Optional.of(snapshot);
        }
        TreeMap<String, List<Event>> days = new TreeMap<>();
        RangeQuery<String, byte[]> after = RangeQuery.withRange(StoreNames.dayEventKey(conflict, checkpoint, "\uffff"),
                StoreNames.dayEventKey(conflict, date, "\uffff"));
        for (QueryResult<KeyValueIterator<String, byte[]>> r : results(conflict, StoreNames.DAY_EVENTS, after)) {
            try (KeyValueIterator<String, byte[]> it = r.getResult()) {
                it.forEachRemaining(kv -> {
                    Event e = Codecs.EVENT.decode(kv.value);
                    days.computeIfAbsent(e.getDate(), d -> new ArrayList<>()).add(e);
                });
            }
        }
        // Front windows are not needed for the assessment, so the fold asks no earlier tallies.
        for (Map.Entry<String, List<Event>> day : days.entrySet()) {
            snapshot = m.day(snapshot, LocalDate.parse(day.getKey()), day.getValue(), d -> null).snapshot();
        }
        return Optional.of(snapshot);
    }

    @Override
    public List<RipenessAssessment> timeline(String conflict, LocalDate from, LocalDate to) {
        RangeQuery<String, byte[]> query = RangeQuery.withRange(
                dateKey(conflict, from == null ? MIN_DATE : from.toString()),
                dateKey(conflict, to == null ? MAX_DATE : to.toString()));
        List<RipenessAssessment> out = new ArrayList<>();
        for (QueryResult<KeyValueIterator<String, byte[]>> r : results(conflict, StoreNames.OUTPUTS, query)) {
            try (KeyValueIterator<String, byte[]> it = r.getResult()) {
                it.forEachRemaining(kv -> out.add(Codecs.outputs(kv.value).assessment()));
            }
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
        return results(conflict, StoreNames.EVENTS, KeyQuery.<String, byte[]>withKey(eventId)).stream()
                .anyMatch(r -> r.getResult() != null);
    }

    @Override
    public Map<String, Event> events(String conflict, Collection<String> ids) {
        Map<String, Event> out = new LinkedHashMap<>();
        for (String id : ids) {
            Event e = storedEvent(conflict, id);
            if (e != null && e.getConflict().equals(conflict)) {
                out.put(id, e);
            }
        }
        return out;
    }

    /**
     * The event as {@code events-by-id} keeps it: whole, or in effect and whole in its day row. When
     * the stream thread moved that row between the two reads, the id row is read again, once.
     */
    private Event storedEvent(String conflict, String id) {
        for (int attempt = 0; attempt < 2; attempt++) {
            byte[] row = firstResult(results(conflict, StoreNames.EVENTS, KeyQuery.<String, byte[]>withKey(id)));
            if (row == null || !EventRows.isPointer(row)) {
                return row == null ? null : Codecs.EVENT.decode(row);
            }
            byte[] day = firstResult(results(conflict, StoreNames.DAY_EVENTS,
                    KeyQuery.<String, byte[]>withKey(EventRows.dayEventKey(row, id))));
            if (day != null) {
                return Codecs.EVENT.decode(day);
            }
        }
        return null;
    }

    private static byte[] firstResult(List<QueryResult<byte[]>> results) {
        return results.stream().map(QueryResult::getResult).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public List<Event> eventsBetween(String conflict, LocalDate from, LocalDate to, String after, int limit) {
        // day-events is keyed conflict|date|eventId: one range seek, in the order a map or a page wants.
        String first = StoreNames.dayEventKey(conflict, from == null ? MIN_DATE : from.toString(), "");
        String next = after == null ? null : conflict + "|" + after + "\u0000";
        String start = next != null && next.compareTo(first) > 0 ? next : first; // a cursor never reaches before `from`
        String end = StoreNames.dayEventKey(conflict, to == null ? MAX_DATE : to.toString(), "\uffff");
        List<Event> out = new ArrayList<>();
        if (start.compareTo(end) > 0) {
            return out;
        }
        for (QueryResult<KeyValueIterator<String, byte[]>> r : results(conflict, StoreNames.DAY_EVENTS,
                RangeQuery.<String, byte[]>withRange(start, end))) {
            try (KeyValueIterator<String, byte[]> it = r.getResult()) {
                while (out.size() < limit && it.hasNext()) {
                    out.add(Codecs.EVENT.decode(it.next().value));
                }
            }
        }
        return out;
    }

    /** The records of the latest event date at or before {@code asOf} (latest overall when null). */
    private Optional<DayOutputs> outputs(String conflict, LocalDate asOf) {
        RangeQuery<String, byte[]> query = RangeQuery.<String, byte[]>withRange(dateKey(conflict, MIN_DATE),
                dateKey(conflict, asOf == null ? MAX_DATE : asOf.toString())).withDescendingKeys();
        Optional<DayOutputs> found = Optional.empty();
        for (QueryResult<KeyValueIterator<String, byte[]>> r : results(conflict, StoreNames.OUTPUTS, query)) {
            try (KeyValueIterator<String, byte[]> it = r.getResult()) {
                if (found.isEmpty() && it.hasNext()) {
                    found = Optional.of(Codecs.outputs(it.next().value));
                }
            }
        }
        return found;
    }

    /**
     * The result of the one partition that holds the conflict, found with
     * {@code queryMetadataForKey}. Without {@code application.server} Kafka Streams keeps no
     * key metadata: then every local partition answers, and only the conflict's own partition
     * has its keys.
     */
    private <R> List<QueryResult<R>> results(String conflict, String store, org.apache.kafka.streams.query.Query<R> query) {
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, conflict, KEYS);
        boolean located = meta != null && meta != KeyQueryMetadata.NOT_AVAILABLE;
        if (!located && self != null) {
            throw new StateUnavailableException("the pipeline is starting or rebalancing; try again shortly");
        }
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query);
        if (located) {
            request = request.withPartitions(Set.of(meta.partition()));
        }
        StateQueryResult<R> result;
        try {
            result = streams.query(request);
        } catch (StreamsException e) {
            throw new StateUnavailableException("state store " + store + " is not queryable now: " + e.getMessage(), e);
        }
        Map<Integer, QueryResult<R>> partitions = new java.util.TreeMap<>(result.getPartitionResults());
        if (located && !partitions.containsKey(meta.partition())) {
            throw new StateUnavailableException("partition " + meta.partition() + " of " + store
                    + " is not held by this instance" + ownerElsewhere(conflict).map(h -> "; ask " + h).orElse(""));
        }
        List<QueryResult<R>> out = new ArrayList<>();
        for (QueryResult<R> r : partitions.values()) {
            if (!r.isSuccess()) {
                throw unavailable(r);
            }
            out.add(r);
        }
        return out;
    }

    private static StateUnavailableException unavailable(QueryResult<?> r) {
        return new StateUnavailableException("state not available (" + r.getFailureReason() + "): " + r.getFailureMessage());
    }
}
