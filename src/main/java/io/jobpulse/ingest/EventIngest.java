package io.jobpulse.ingest;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobService;
import io.jobpulse.job.Outcome;
import io.jobpulse.security.JsonDepth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What HTTP and JMS ingest share: reading a body (one event or an array, within the limits),
 * reading each event, recognising redeliveries, and handing each event to
 * {@link JobService#apply} — the method the CDI observer calls for fired events — so every event
 * gets the same validation, versioning, storage and push, and its outcome comes back to the
 * producer.
 */
@ApplicationScoped
public class EventIngest {

    /** Where events came from; a metric tag. */
    public enum Source { HTTP, JMS }

    /** A producer's body, read. */
    public sealed interface Body {
        /** The events, in order (one for a single-event body). */
        record Events(List<JsonValue> events) implements Body {
        }

        /** Nothing in the body can be read; {@code tooLarge} when a limit was exceeded. */
        record Unreadable(String code, String reason, boolean tooLarge) implements Body {
        }
    }

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final JobService service;
    private final ReplayGuard replays;
    private final int maxBatch;
    private final int maxBodyBytes;
    private final MetricRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Deeper bodies are refused before parsing (field-injected; the default serves unit tests). */
    @Inject
    @ConfigProperty(name = "jobpulse.json.max-depth", defaultValue = "32")
    int maxDepth = JsonDepth.DEFAULT_MAX;

    @Inject
    public EventIngest(JobService service, MetricRegistry metrics,
                       @ConfigProperty(name = "jobpulse.ingest.max-batch", defaultValue = "1000") int maxBatch,
                       @ConfigProperty(name = "jobpulse.ingest.max-body-bytes", defaultValue = "1048576") int maxBodyBytes,
                       @ConfigProperty(name = "jobpulse.ingest.replay.max-ids", defaultValue = "100000") int replayIds,
                       @ConfigProperty(name = "jobpulse.ingest.replay.window", defaultValue = "PT24H") Duration replayWindow) {
        this.service = service;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.maxBodyBytes = maxBodyBytes;
        this.replays = new ReplayGuard(replayIds, replayWindow, Clock.systemUTC());
    }

    /** For the CDI proxy only. */
    protected EventIngest() {
        this.service = null;
        this.metrics = null;
        this.replays = null;
        this.maxBatch = 0;
        this.maxBodyBytes = 0;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Reads a body that is already known to fit {@link #maxBodyBytes()}. */
    public Body read(String text) {
        if (text == null || text.isBlank()) {
            return new Body.Unreadable("empty-body", "the body is empty; send one event object or an array of them", false);
        }
        if (JsonDepth.exceeds(text, maxDepth)) {
            return new Body.Unreadable("too-deep", "the body nests JSON deeper than " + maxDepth
                    + " levels (jobpulse.json.max-depth)", false);
        }
        JsonValue value;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                return new Body.Unreadable("invalid-json", "the body has more after its JSON value", false);
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return new Body.Unreadable("invalid-json", "the body is not valid JSON: " + e.getMessage(), false);
        }
        if (value instanceof JsonObject) {
            return new Body.Events(List.of(value));
        }
        if (value instanceof JsonArray array) {
            if (array.isEmpty()) {
                return new Body.Unreadable("empty-batch", "the array holds no events", false);
            }
            if (array.size() > maxBatch) {
                return new Body.Unreadable("batch-too-large", "at most " + maxBatch + " events per request"
                        + " (jobpulse.ingest.max-batch), got " + array.size() + "; split the batch", true);
            }
            return new Body.Events(array);
        }
        return new Body.Unreadable("invalid-body", "the body must be one event object or an array of them", false);
    }

    /** Applies the events in order; one event's rejection never stops the others. */
    public List<EventResult> acceptAll(List<JsonValue> events, Source source) {
        List<EventResult> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            results.add(accept(i, events.get(i), source));
        }
        return results;
    }

    public EventResult accept(int index, JsonValue element, Source source) {
        EventResult result = resultOf(index, element, source.name().toLowerCase(Locale.ROOT));
        count(source, result.outcome());
        return result;
    }

    private EventResult resultOf(int index, JsonValue element, String source) {
        EventReader.Read read = EventReader.read(element);
        if (read instanceof EventReader.Read.Invalid invalid) {
            return EventResult.rejected(index, element, invalid.code(), invalid.reason());
        }
        JobEvent event = ((EventReader.Read.Event) read).event();
        if (event.eventId() == null) {
            return EventResult.of(index, element, service.apply(event, source));
        }
        ReplayGuard.Verdict verdict = replays.applyOnce(event.jobId(), event.eventId(), () -> service.apply(event, source));
        if (verdict instanceof ReplayGuard.Verdict.Replay replay) {
            return EventResult.duplicate(index, element, replay.version());
        }
        Outcome outcome = ((ReplayGuard.Verdict.Ran) verdict).outcome();
        return EventResult.of(index, element, outcome);
    }

    /**
     * Counters cached per source and outcome: a registry lookup with tags costs more than applying
     * the event itself (docs/benchmarks.md), and this runs once per ingested event.
     */
    private void count(Source source, String outcome) {
        counters.computeIfAbsent(source + ":" + outcome, key -> metrics.counter("jobpulse.ingest.events",
                new Tag("source", source.name().toLowerCase(Locale.ROOT)), new Tag("outcome", outcome))).inc();
    }
}
