package dev.ripeness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripeness.conflict.ConflictCatalog;
import dev.ripeness.event.EventValidator;
import dev.ripeness.producers.event.EventFormatException;
import dev.ripeness.producers.event.EventJson;
import dev.ripeness.producers.feed.EventLogIndex;
import dev.ripeness.producers.feed.FeedSummary;
import dev.ripeness.producers.feed.FeedTopics;
import dev.ripeness.producers.feed.KafkaEventFeed;
import dev.ripeness.producers.feed.Offer;
import dev.ripeness.schema.DeadLetter;
import dev.ripeness.schema.Event;
import dev.ripeness.schema.serde.AvroSerde;
import dev.ripeness.time.DateTimes;
import dev.ripeness.topics.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists, groups and re-drives the records kept in the dead-letter topic. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {
                "List or summarise the dead-letter topic: every record the feeders, importers or the pipeline could not "
                        + "accept, with where it came from, the field to blame and the reason (docs/importers.md).",
                "--redrive feeds again the canonical events among them (JSONL, API bodies) once the cause is fixed "
                        + "(e.g. a conflict file with a new alias); eventId is the identity, so redriving twice changes nothing.",
                "Exit code 0; 2 for usage errors."
        })
public final class DeadLettersCommand implements Callable<Integer> {

    /** What a summary groups by. */
    enum GroupBy { reason, field, origin, stage }

    private static final AvroSerde<DeadLetter> LETTERS = AvroSerde.of(DeadLetter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters of an original shown on a terminal. */
    static final int SHOWN_CHARS = 500;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConflictsOption conflicts;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only letters recorded since WHEN: a date (2026-11-30), an instant (2026-11-30T12:00:00Z) or an age (90m, 24h, 7d).")
    String since;

    @Option(names = "--group-by", paramLabel = "KEY",
            description = "Count letters by reason (values in back-quotes left out), field, origin (the input, without its line) or stage.")
    GroupBy groupBy;

    @Option(names = "--original", description = "Show each letter's original record (first " + SHOWN_CHARS + " characters).")
    boolean original;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
            description = "List at most N letters, the most recent last (default: ${DEFAULT-VALUE}; 0 for all).")
    int limit;

    @Option(names = "--json", description = "Print JSON: an array of letters, or of {key, count} groups.")
    boolean json;

    @Option(names = "--redrive", description = "Feed the canonical events among the letters again (valid now, not yet in the log).")
    boolean redrive;

    @Override
    public Integer call() throws Exception {
        Instant from = since == null ? Instant.EPOCH : parseSince(since, Instant.now());
        String bootstrap = kafka.bootstrap("localhost:9092");
        Map<String, Object> client = kafka.checkedClientConfig(bootstrap);
        List<DeadLetter> letters = new ArrayList<>();
        try {
            TopicReader.readToEnd(client, FeedTopics.DEFAULT.deadLetters(), TopicReader.DEFAULT_DEADLINE, r -> {
                DeadLetter d = LETTERS.decode(r.value());
                if (d.getRecordedAt() >= from.toEpochMilli()) {
                    letters.add(d);
                }
            });
        } catch (RuntimeException e) {
            throw new UserException("cannot read the dead-letter topic on " + bootstrap + " (is `ripeness run` up?): " + e.getMessage());
        }
        if (redrive) {
            return redrive(letters, client);
        }
        if (groupBy != null) {
            Map<String, Long> groups = group(letters, groupBy);
            if (json) {
                ArrayNode out = JSON.createArrayNode();
                groups.forEach((k, n) -> out.addObject().put("key", k).put("count", n));
                System.out.println(out.toPrettyString());
            } else {
                System.out.println(letters.size() + " dead letters" + (since == null ? "" : " since " + from) + ", by " + groupBy + ":");
                groups.forEach((k, n) -> System.out.printf(Locale.ROOT, "%8d  %s%n", n, k));
            }
            return 0;
        }
        List<DeadLetter> shown = limit > 0 && letters.size() > limit ? letters.subList(letters.size() - limit, letters.size()) : letters;
        if (json) {
            ArrayNode out = JSON.createArrayNode();
            shown.forEach(d -> out.add(toJson(d)));
            System.out.println(out.toPrettyString());
            return 0;
        }
        System.out.println(letters.size() + " dead letters" + (since == null ? "" : " since " + from)
                + (shown.size() < letters.size() ? "; the last " + shown.size() + " (use --limit 0 for all, --group-by reason to summarise):" : ":"));
        for (DeadLetter d : shown) {
            System.out.println(Instant.ofEpochMilli(d.getRecordedAt()) + "  " + d.getOrigin() + "  [" + d.getStage() + "]"
                    + (d.getField() == null ? "" : "  field " + d.getField()));
            System.out.println("    " + d.getReason());
            if (original) {
                String text = originalText(d);
                System.out.println("    original: " + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text));
            }
        }
        return 0;
    }

    private int redrive(List<DeadLetter> letters, Map<String, Object> client) {
        ConflictCatalog catalog = conflicts.catalog();
        EventValidator validator = new EventValidator(catalog);
        List<Offer> offers = new ArrayList<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (DeadLetter d : letters) {
            Optional<Event> event = canonical(d);
            if (event.isEmpty()) {
                skipped.merge("not a canonical event (an upstream row or a pipeline record): re-run `ripeness produce` on its source file", 1L, Long::sum);
                continue;
            }
            Optional<String> still = validator.check(event.get()).map(v -> v.describe());
            if (still.isPresent()) {
                skipped.merge("still invalid: " + FeedSummary.group(still.get()), 1L, Long::sum);
                continue;
            }
            byte[] bytes = d.getOriginal().array();
            String where = "redrive of " + d.getOrigin();
            offers.add(Offer.of(offers.size() + 1, where, where, bytes, event.get()));
        }
        EventLogIndex log;
        try {
            log = EventLogIndex.read(client, FeedTopics.DEFAULT.events());
        } catch (RuntimeException e) {
            throw new UserException("cannot read the event log: " + e.getMessage());
        }
        FeedSummary summary;
        try (KafkaEventFeed feed = new KafkaEventFeed(client, catalog, FeedTopics.DEFAULT, log, 500)) {
            summary = feed.feed(offers.iterator(), r -> { });
        }
        System.out.println("redrive of " + letters.size() + " dead letters: " + summary + ", skipped "
                + skipped.values().stream().mapToLong(Long::longValue).sum());
        skipped.forEach((k, n) -> System.out.printf(Locale.ROOT, "%8d  %s%n", n, k));
        return 0;
    }

    /** The event in a letter's original bytes, when they are one canonical JSON event. */
    static Optional<Event> canonical(DeadLetter d) {
        String text = originalText(d).strip();
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.parse(text));
        } catch (EventFormatException e) {
            return Optional.empty();
        }
    }

    static Map<String, Long> group(List<DeadLetter> letters, GroupBy by) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeadLetter d : letters) {
            String key = switch (by) {
                case reason -> FeedSummary.group(d.getReason());
                case field -> d.getField() == null ? "(no field)" : d.getField();
                case origin -> d.getOrigin().replaceAll(" (line|record|offset) \\d+.*$", "");
                case stage -> d.getStage();
            };
            counts.merge(key, 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static ObjectNode toJson(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("recordedAt", Instant.ofEpochMilli(d.getRecordedAt()).toString());
        n.put("origin", d.getOrigin());
        n.put("stage", d.getStage());
        n.put("eventId", d.getEventId());
        n.put("field", d.getField());
        n.put("reason", d.getReason());
        n.put("original", originalText(d));
        return n;
    }

    private static String originalText(DeadLetter d) {
        java.nio.ByteBuffer b = d.getOriginal().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A date, an instant, or an age like {@code 90m}, {@code 24h}, {@code 7d} before {@code now}. */
    static Instant parseSince(String text, Instant now) {
        String t = text.strip();
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration age = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(age);
            }
            if (t.length() == 10) {
                // since a day: from its start (a --known-at day means its end)
                return DateTimes.date(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return DateTimes.instant(t);
        } catch (IllegalArgumentException e) {
            throw new UserException("--since " + text + " is neither a date (2026-11-30), a date-time (2026-11-30T12:00:00Z, another offset, or 2026-11-30T12:00 UTC) nor an age (90m, 24h, 7d)");
        }
    }
}
