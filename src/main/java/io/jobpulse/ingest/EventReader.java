package io.jobpulse.ingest;

import io.jobpulse.job.Ids;
import io.jobpulse.job.JobEvent;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one event of the ingest JSON shape into a {@link JobEvent}, or says precisely why it cannot:
 * {@code {"eventId","jobId","userId","type","jobType","progress","message","result","error","staleAfterSeconds"}}.
 *
 * <p>Only the JSON shape is checked here (types, known fields, the event type); the rules of the
 * job itself (id patterns, progress range, lifecycle) stay in {@code Lifecycle}, so ingest gets
 * exactly the validation every other producer gets. {@code type} is what happened
 * ({@code started}, {@code progress} ...); the job's own label is {@code jobType}. JSON {@code null}
 * counts as absent. Unknown fields are refused so a typo ({@code "percent": 40}) is reported
 * instead of silently changing nothing.
 */
public final class EventReader {

    /** Longest producer event id; it is only a key for recognising redeliveries. */
    public static final int MAX_EVENT_ID_LENGTH = 128;

    static final Set<String> FIELDS = Set.of("eventId", "jobId", "userId", "type", "jobType", "progress",
            "message", "result", "error", "staleAfterSeconds");
    private static final String FIELD_LIST = "eventId, jobId, userId, type, jobType, progress, message, result, error, "
            + "staleAfterSeconds";
    private static final String TYPES = "queued, started, progress, completed, failed or cancelled";
    /** The code of a wrongly typed string field. */
    private static final Map<String, String> CODES = Map.of(
            "eventId", "invalid_event_id", "jobId", "invalid_job_id", "userId", "invalid_user_id",
            "jobType", "invalid_job_type", "message", "invalid_message", "error", "invalid_error");

    /** The outcome of reading one event. */
    public sealed interface Read {
        /** A well-formed event, ready for the lifecycle rules. */
        record Event(JobEvent event) implements Read {
        }

        /** Not an event jobpulse can read; {@code code} is stable, {@code reason} says what to fix. */
        record Invalid(String code, String reason) implements Read {
        }
    }

    private EventReader() {
    }

    public static Read read(JsonValue value) {
        if (!(value instanceof JsonObject o)) {
            return invalid("invalid_event", "an event must be a JSON object");
        }
        for (String field : o.keySet()) {
            if (!FIELDS.contains(field)) {
                return invalid("unknown_field", "unknown field '" + field + "'; an event has " + FIELD_LIST);
            }
        }
        try {
            JobEvent.Kind kind = kind(o);
            String eventId = string(o, "eventId");
            if (eventId != null && !validEventId(eventId)) {
                throw new Unreadable("invalid_event_id", "eventId must be 1.." + MAX_EVENT_ID_LENGTH
                        + " characters without control characters");
            }
            String jobId = string(o, "jobId");
            if (jobId == null) {
                throw new Unreadable("invalid_job_id", "jobId is required; " + Ids.JOB_ID_RULE);
            }
            String jobType = string(o, "jobType");
            if (jobType != null && !Ids.isJobType(jobType)) {
                throw new Unreadable("invalid_job_type",
                        "jobType (the job's label) must be 1..64 characters of [A-Za-z0-9._:-]");
            }
            JsonValue result = o.get("result");
            return new Read.Event(new JobEvent(kind, jobId, string(o, "userId"), jobType, progress(o),
                    string(o, "message"), result == null || result == JsonValue.NULL ? null : result,
                    string(o, "error"), eventId).withStaleAfter(staleAfter(o)));
        } catch (Unreadable e) {
            return invalid(e.code, e.getMessage());
        }
    }

    private static JobEvent.Kind kind(JsonObject o) {
        JsonValue type = o.get("type");
        if (type == null || type == JsonValue.NULL) {
            throw new Unreadable("invalid_event_type", "type is required: " + TYPES);
        }
        if (type instanceof JsonString s) {
            for (JobEvent.Kind kind : JobEvent.Kind.values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(s.getString())) {
                    return kind;
                }
            }
            throw new Unreadable("invalid_event_type", "type must be " + TYPES + ", got '"
                    + s.getString() + "' (the job's own label goes in jobType)");
        }
        throw new Unreadable("invalid_event_type", "type must be a string: " + TYPES);
    }

    private static Integer progress(JsonObject o) {
        JsonValue v = o.get("progress");
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            try {
                // 40.0 is an integer too: Python's json writes floats that way
                return n.bigDecimalValue().intValueExact();
            } catch (ArithmeticException notAnInt) {
                throw new Unreadable("invalid_progress",
                        "progress must be an integer from 0 to 100 (round it), got " + describe(v));
            }
        }
        throw new Unreadable("invalid_progress", "progress must be an integer from 0 to 100, got " + describe(v));
    }

    /** The job's stall deadline; its range is a lifecycle rule. */
    private static Integer staleAfter(JsonObject o) {
        JsonValue v = o.get("staleAfterSeconds");
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 32) {
            return n.intValue();
        }
        throw new Unreadable("invalid_stale_after",
                "staleAfterSeconds must be a whole number of seconds (0 = no deadline), got " + describe(v));
    }

    private static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new Unreadable(CODES.getOrDefault(field, "invalid_" + field),
                field + " must be a string, got " + describe(v));
    }

    static boolean validEventId(String id) {
        if (id.isEmpty() || id.length() > MAX_EVENT_ID_LENGTH) {
            return false;
        }
        return id.chars().noneMatch(Character::isISOControl);
    }

    private static String describe(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> v.toString();
            case TRUE, FALSE -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    private static Read.Invalid invalid(String code, String reason) {
        return new Read.Invalid(code, reason);
    }

    /** Carries a reason out of the field readers; never leaves this class. */
    private static final class Unreadable extends RuntimeException {
        final String code;

        Unreadable(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }
}
