package io.jobpulse.push.session;

import io.jobpulse.job.Ids;
import io.jobpulse.push.Topic;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.HashMap;
import java.util.Map;

/**
 * The arguments of subscribe / unsubscribe, validated: {@code {"jobId":".."}} or
 * {@code {"userId":".."}}, and for resuming, the versions the client already has:
 * {@code "afterVersion": 12} with a jobId, {@code "versions": {"job-1": 12, ...}} with a userId.
 *
 * @param known jobId → highest version the client already has (empty when not resuming)
 */
record SubscriptionRequest(Topic topic, Map<String, Long> known) {

    /** How many entries a {@code versions} map may carry. */
    static final int MAX_KNOWN = 1000;

    /** Thrown by {@link #parse} with the error to answer. */
    static final class Invalid extends Exception {
        final Reply.Error error;

        Invalid(String code, String message) {
            super(message, null, false, false);
            this.error = Reply.error(code, message);
        }
    }

    /** The version the client has of {@code jobId}, 0 if none. */
    long knownVersion(String jobId) {
        return known.getOrDefault(jobId, 0L);
    }

    static SubscriptionRequest parse(JsonValue args) throws Invalid {
        if (!(args instanceof JsonObject object)) {
            throw new Invalid("invalid_request", "expected an object with \"jobId\" or \"userId\"");
        }
        JsonValue jobId = object.get("jobId");
        JsonValue userId = object.get("userId");
        if ((jobId == null) == (userId == null)) {
            throw new Invalid("invalid_request", "give exactly one of \"jobId\" or \"userId\"");
        }
        if (jobId != null) {
            String id = jobId instanceof JsonString s ? s.getString() : null;
            if (!Ids.isJobId(id)) {
                throw new Invalid("invalid_job_id", Ids.JOB_ID_RULE);
            }
            if (object.containsKey("versions")) {
                throw new Invalid("invalid_request", "\"versions\" goes with \"userId\"; use \"afterVersion\" with \"jobId\"");
            }
            JsonValue after = object.get("afterVersion");
            return new SubscriptionRequest(Topic.job(id),
                    after == null ? Map.of() : Map.of(id, version(after, "afterVersion")));
        }
        String id = userId instanceof JsonString s ? s.getString() : null;
        if (!Ids.isUserId(id)) {
            throw new Invalid("invalid_user_id", Ids.USER_ID_RULE);
        }
        if (object.containsKey("afterVersion")) {
            throw new Invalid("invalid_request", "\"afterVersion\" goes with \"jobId\"; use \"versions\" with \"userId\"");
        }
        JsonValue versions = object.get("versions");
        return new SubscriptionRequest(Topic.user(id), versions == null ? Map.of() : versions(versions));
    }

    private static Map<String, Long> versions(JsonValue value) throws Invalid {
        if (!(value instanceof JsonObject map)) {
            throw new Invalid("invalid_request", "\"versions\" must be an object of jobId to version");
        }
        if (map.size() > MAX_KNOWN) {
            throw new Invalid("invalid_request", "\"versions\" may name at most " + MAX_KNOWN + " jobs");
        }
        Map<String, Long> known = new HashMap<>();
        for (Map.Entry<String, JsonValue> e : map.entrySet()) {
            if (!Ids.isJobId(e.getKey())) {
                throw new Invalid("invalid_job_id", Ids.JOB_ID_RULE);
            }
            known.put(e.getKey(), version(e.getValue(), "versions." + e.getKey()));
        }
        return known;
    }

    private static long version(JsonValue value, String name) throws Invalid {
        if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new Invalid("invalid_request", "\"" + name + "\" must be a non-negative integer version");
    }
}
