package dev.ripeness.replay;

import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.topics.TopicReader;
import dev.ripeness.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The comparison runs {@code ripeness replay --compare --keep} (or {@code --without ... --keep})
 * left beside the live state, for the dashboard overlay: a run {@code <id>} is the side
 * application {@code ripeness-compare-<id>} whose topic {@code ripeness-compare-<id>.assessment-timeline}
 * still exists. Each read lists the topics and reads that compacted topic to its end, so a
 * kept run appears (and a deleted one disappears) without a restart. The launcher serves it
 * as the HTTP API's comparison runs.
 */
public final class KeptComparisonRuns {

    /** The side runs' prefix, as {@link Replayer#sideRun} names them for kind {@code compare}. */
    static final String PREFIX = "ripeness-compare-";

    private static final String TIMELINE = "." + Topics.ASSESSMENT_TIMELINE.shortName();
    private static final Pattern RUN_TIMELINE = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]+)" + Pattern.quote(TIMELINE));

    private final Map<String, Object> clientConfig;

    /** @param clientConfig Kafka client properties of the cluster the runs were kept on */
    public KeptComparisonRuns(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** The ids of the kept comparison runs (the {@code <id>} of {@code ripeness-compare-<id>}), sorted. */
    public List<String> runs() {
        try (Admin admin = Admin.create(clientConfig)) {
            List<String> ids = new ArrayList<>();
            for (String topic : admin.listTopics().names().get()) {
                Matcher m = RUN_TIMELINE.matcher(topic);
                if (m.matches()) {
                    ids.add(m.group(1));
                }
            }
            ids.sort(null);
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        }
    }

    /** The run's assessment timeline of {@code conflict}, oldest first; empty when there is no such run. */
    public Optional<List<RipenessAssessment>> timeline(String run, String conflict) {
        // Only ids that name a kept run reach the topic name: a request cannot make us read an arbitrary topic.
        if (!runs().contains(run)) {
            return Optional.empty();
        }
        String prefix = conflict + "|";
        List<RipenessAssessment> points = new ArrayList<>();
        // Keys conflict|YYYY-MM-DD: the sorted snapshot is already oldest first.
        for (Map.Entry<String, byte[]> e : TopicReader.latestByKey(clientConfig, PREFIX + run + TIMELINE,
                TopicReader.DEFAULT_DEADLINE).entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                points.add(Topics.ASSESSMENT_TIMELINE.valueSerde().deserializer().deserialize(TIMELINE, e.getValue()));
            }
        }
        return Optional.of(points);
    }
}
