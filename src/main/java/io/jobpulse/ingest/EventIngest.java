package io.jobpulse.ingest;

import io.jobpulse.job.EventApplier;
import io.jobpulse.job.JobEvent;
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
 * reading each event, recognising redeliveries, and handing the events to
 * {@link EventApplier#applyAll} — the batch form of what the CDI observer calls for fired events — so
 * every event gets the same validation, versioning, storage and push, a body is committed as one
 * transaction, and each event's outcome comes back to the producer.
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

    private final EventApplier service;
    private final ReplayGuard replays;
    private final int maxBatch;
    private final int maxBodyBytes;
    private final MetricRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Deeper bodies are refused before parsing (field-injected; the default serves unit tests). */
    @Inject
    JsonDepth depth = new JsonDepth(JsonDepth.DEFAULT_MAX);

    @Inject
    public EventIngest(EventApplier service, MetricRegistry metrics,
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
        if (depth.exceeds(text)) {
            return new Body.Unreadable("too-deep", "the body nests JSON deeper than " + depth.max()
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

    /**
     * Applies the events in order; one event's rejection never stops the others. The readable ones
     * go to the store together ({@link EventApplier#applyAll}: one transaction on a durable store),
     * and are pushed once that has committed. An event whose {@code eventId} another delivery is
     * applying at this moment (or that repeats one earlier in this body) first has the events before
     * it applied, then waits for the other delivery, so it is applied at most once.
     */
    public List<EventResult> acceptAll(List<JsonValue> events, Source source) {
        EventResult[] results = new EventResult[events.size()];
        Pending pending = new Pending();
        for (int i = 0; i < events.size(); i++) {
            JsonValue element = events.get(i);
            EventReader.Read read = EventReader.read(element);
            if (read instanceof EventReader.Read.Invalid invalid) {
                results[i] = counted(source, EventResult.rejected(i, element, invalid.code(), invalid.reason()));
                continue;
            }
            JobEvent event = ((EventReader.Read.Event) read).event();
            ReplayGuard.Claim claim = null;
            if (event.eventId() != null) {
                claim = replays.claim(event.jobId(), event.eventId(), false);
                if (claim instanceof ReplayGuard.Claim.Busy) {
                    // never wait while holding claims another delivery may be waiting for
                    applyPending(pending, events, results, source);
                    claim = replays.claim(event.jobId(), event.eventId(), true);
                }
                if (claim instanceof ReplayGuard.Claim.Replay replay) {
                    results[i] = counted(source, EventResult.duplicate(i, element, replay.version()));
                    continue;
                }
            }
            pending.add(i, event, (ReplayGuard.Claim.Held) claim);
        }
        applyPending(pending, events, results, source);
        return List.of(results);
    }

    /** Events read and claimed, waiting to be applied together. */
    private static final class Pending {
        final List<Integer> indexes = new ArrayList<>();
        final List<JobEvent> events = new ArrayList<>();
        final List<ReplayGuard.Claim.Held> claims = new ArrayList<>();

        void add(int index, JobEvent event, ReplayGuard.Claim.Held claim) {
            indexes.add(index);
            events.add(event);
            claims.add(claim);
        }

        void clear() {
            indexes.clear();
            events.clear();
            claims.clear();
        }
    }

    private void applyPending(Pending pending, List<JsonValue> elements, EventResult[] results, Source source) {
        if (pending.events.isEmpty()) {
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = service.applyAll(pending.events, source.name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            pending.claims.forEach(held -> {
                if (held != null) {
                    replays.abandon(held);
                }
            });
            throw e;
        }
        for (int k = 0; k < outcomes.size(); k++) {
            ReplayGuard.Claim.Held held = pending.claims.get(k);
            if (held != null) {
                replays.settle(held, outcomes.get(k));
            }
            int i = pending.indexes.get(k);
            results[i] = counted(source, EventResult.of(i, elements.get(i), outcomes.get(k)));
        }
        pending.clear();
    }

    private EventResult counted(Source source, EventResult result) {
        count(source, result.outcome());
        return result;
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
