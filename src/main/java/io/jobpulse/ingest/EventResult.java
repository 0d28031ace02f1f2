package io.jobpulse.ingest;

import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.job.Outcome;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * What became of one ingested event, as the producer sees it. {@code outcome} is {@code applied}
 * (with the job's new {@code status} and {@code version}), {@code ignored} (harmless, changed
 * nothing: a late event for a finished job), {@code duplicate} (its {@code eventId} was applied
 * before at {@code version}; nothing done now) or {@code rejected} (with a stable {@code code} and a
 * {@code reason} that says what to fix). {@code index} is the event's position in the body.
 * {@code cancelRequested} is {@code true} on an applied event of a job someone asked to cancel: that
 * is how an HTTP producer learns it should stop and send {@code cancelled}.
 */
@JsonbPropertyOrder({"index", "eventId", "jobId", "outcome", "status", "version", "code", "reason", "cancelRequested"})
public record EventResult(int index, String eventId, String jobId, String outcome, String status,
                          Long version, String code, String reason, Boolean cancelRequested) {

    public EventResult(int index, String eventId, String jobId, String outcome, String status,
                       Long version, String code, String reason) {
        this(index, eventId, jobId, outcome, status, version, code, reason, null);
    }

    static EventResult of(int index, JsonValue event, Outcome outcome) {
        String eventId = idField(event, "eventId");
        String jobId = idField(event, "jobId");
        if (outcome instanceof Outcome.Applied a) {
            Job job = a.job();
            return new EventResult(index, eventId, jobId, "applied", job.status().wireName(), job.version(), null, null,
                    job.cancelRequested() && !job.finished() ? Boolean.TRUE : null);
        }
        if (outcome instanceof Outcome.Rejected r) {
            return rejected(index, event, r.code(), r.reason());
        }
        Outcome.Ignored i = (Outcome.Ignored) outcome;
        return new EventResult(index, eventId, jobId, "ignored", null, null, null, i.reason());
    }

    static EventResult rejected(int index, JsonValue event, String code, String reason) {
        return new EventResult(index, idField(event, "eventId"), idField(event, "jobId"), "rejected", null, null,
                code, reason);
    }

    static EventResult duplicate(int index, JsonValue event, long version) {
        return new EventResult(index, idField(event, "eventId"), idField(event, "jobId"), "duplicate", null,
                version, null, null);
    }

    /** Anything but a rejection: the producer has nothing to fix. */
    @JsonbTransient
    public boolean accepted() {
        return !"rejected".equals(outcome);
    }

    /** Echoes the producer's id so it can match results to events, but only a well-formed one. */
    private static String idField(JsonValue event, String field) {
        if (event instanceof JsonObject o && o.get(field) instanceof JsonString s) {
            String id = s.getString();
            boolean wellFormed = "jobId".equals(field) ? Ids.isJobId(id) : EventReader.validEventId(id);
            return wellFormed ? id : null;
        }
        return null;
    }
}
