package io.jobpulse.bench.floor;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The jobs in a map and the rooms of the subscribed sessions, with the peer's validation and
 * lifecycle rules; every applied event is written at once to its job's and its owner's rooms.
 */
final class FloorJobs {

    static final FloorJobs INSTANCE = new FloorJobs();

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> KINDS = Set.of("queued", "started", "progress", "completed", "failed", "cancelled");

    record Job(String jobId, String userId, String type, String status, int progress, String message,
               String result, String error, String createdAt, String updatedAt, long version) {

        Job next(String status, int progress, String message, String result, String error, String now) {
            return new Job(jobId, userId, type, status, progress, message, result, error, createdAt, now, version + 1);
        }

        boolean ended() {
            return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
        }

        String eventName() {
            return status.equals("completed") ? "job:completed" : ended() ? "job:failed" : "job:progress";
        }

        JsonObject json() {
            JsonObjectBuilder b = Json.createObjectBuilder().add("jobId", jobId).add("status", status)
                    .add("progress", progress);
            if (message != null) {
                b.add("message", message);
            }
            if (result != null) {
                b.add("result", result);
            }
            if (error != null) {
                b.add("error", error);
            }
            b.add("timestamp", updatedAt).add("version", version).add("userId", userId);
            return type == null ? b.build() : b.add("type", type).build();
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> rooms = new ConcurrentHashMap<>();

    /** One event: validated, applied under the job's map entry, then written to its rooms. */
    JsonObject apply(int index, JsonValue value) {
        if (!(value instanceof JsonObject e)) {
            return rejected(index, null, "invalid_event", "an event is a JSON object");
        }
        String jobId = text(e, "jobId");
        String kind = text(e, "type");
        String userId = text(e, "userId");
        String message = text(e, "message");
        if (kind == null || !KINDS.contains(kind)) {
            return rejected(index, jobId, "invalid_event", "type must be one of " + KINDS);
        }
        if (jobId == null || !ID.matcher(jobId).matches()) {
            return rejected(index, null, "invalid_job_id", "jobId: 1..128 of [A-Za-z0-9._:-]");
        }
        if (e.containsKey("userId") && (userId == null || !ID.matcher(userId).matches())) {
            return rejected(index, jobId, "invalid_user_id", "userId: 1..128 of [A-Za-z0-9._:-]");
        }
        Integer progress = null;
        if (e.containsKey("progress")) {
            if (!(e.get("progress") instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < 0 || n.intValue() > 100) {
                return rejected(index, jobId, "invalid_progress", "progress must be an integer from 0 to 100");
            }
            progress = n.intValue();
        }
        if (e.containsKey("message") && (message == null || message.length() > 1000)) {
            return rejected(index, jobId, "message_too_long", "message: a string of at most 1000 characters");
        }
        Outcome outcome = new Outcome();
        Integer p = progress;
        Job job = jobs.compute(jobId, (id, cur) -> {
            outcome.job = transition(cur, e, kind, userId, p, message, Instant.now().toString(), outcome);
            return outcome.job == null ? cur : outcome.job;
        });
        if (outcome.job == null) {
            return outcome.code == null
                    ? Json.createObjectBuilder().add("index", index).add("jobId", jobId).add("outcome", "ignored")
                            .add("reason", outcome.reason).build()
                    : rejected(index, jobId, outcome.code, outcome.reason);
        }
        emit(job);
        return Json.createObjectBuilder().add("index", index).add("jobId", jobId).add("outcome", "applied")
                .add("status", job.status()).add("version", job.version()).build();
    }

    private static final class Outcome {
        Job job;
        String code;
        String reason;

        Job refuse(String code, String reason) {
            this.code = code;
            this.reason = reason;
            return null;
        }
    }

    /** The peer's lifecycle rules: the new state, or null with the outcome's reason. */
    private static Job transition(Job cur, JsonObject e, String kind, String userId, Integer progress, String message,
                                  String now, Outcome out) {
        if (cur == null) {
            if (userId == null) {
                return out.refuse("unknown_job", "the first event of a job must carry its userId");
            }
            cur = new Job(e.getString("jobId"), userId, text(e, "jobType"), "queued", 0, null, null, null, now, now, 0);
            if (kind.equals("queued")) {
                return cur.next("queued", 0, null, null, null, now);
            }
        } else {
            if (cur.ended()) {
                return out.refuse(null, "job is already " + cur.status());
            }
            if (userId != null && !userId.equals(cur.userId())) {
                return out.refuse("owner_mismatch", "a job's userId never changes");
            }
        }
        String msg = message != null ? message : cur.message();
        return switch (kind) {
            case "queued" -> out.refuse(null, "job already exists");
            case "started" -> cur.status().equals("running") ? out.refuse(null, "job is already running")
                    : cur.next("running", cur.progress(), msg, null, null, now);
            case "progress" -> {
                int p = progress != null ? progress : cur.progress();
                yield p < cur.progress() ? out.refuse("progress_backwards", "progress may not go down")
                        : cur.next("running", p, msg, null, null, now);
            }
            case "completed" -> cur.next("completed", 100, msg, text(e, "result"), null, now);
            default -> cur.next(kind, cur.progress(), msg, null, text(e, "error") != null ? text(e, "error") : kind, now);
        };
    }

    /** Writes the job to every session in its room and its owner's room (once each). */
    private void emit(Job job) {
        String frame = "42[\"" + job.eventName() + "\"," + job.json() + "]";
        Set<Session> byJob = rooms.get("job:" + job.jobId());
        Set<Session> byUser = rooms.get("user:" + job.userId());
        if (byJob != null) {
            byJob.forEach(s -> FloorSocket.send(s, frame));
        }
        if (byUser != null) {
            byUser.stream().filter(s -> byJob == null || !byJob.contains(s)).forEach(s -> FloorSocket.send(s, frame));
        }
    }

    /** Joins the room the subscription names; its current jobs, or null for a bad subscription. */
    JsonArray join(Session session, JsonValue data) {
        if (!(data instanceof JsonObject d)) {
            return null;
        }
        String jobId = text(d, "jobId");
        String userId = text(d, "userId");
        String room;
        JsonArray current;
        if (jobId != null && ID.matcher(jobId).matches()) {
            room = "job:" + jobId;
            Job job = jobs.get(jobId);
            current = job == null ? JsonValue.EMPTY_JSON_ARRAY : Json.createArrayBuilder().add(job.json()).build();
        } else if (userId != null && ID.matcher(userId).matches()) {
            room = "user:" + userId;
            current = userJobs(userId, 50);
        } else {
            return null;
        }
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        FloorSocket.rooms(session).add(room);
        return current;
    }

    void leaveAll(Session session) {
        for (String room : FloorSocket.rooms(session)) {
            rooms.computeIfPresent(room, (r, members) -> {
                members.remove(session);
                return members.isEmpty() ? null : members;
            });
        }
    }

    /** A user's jobs, newest first (the peer scans its whole map the same way). */
    JsonArray userJobs(String userId, int limit) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        jobs.values().stream().filter(j -> j.userId().equals(userId))
                .sorted(Comparator.comparing(Job::createdAt).reversed()).limit(limit)
                .forEach(j -> b.add(j.json()));
        return b.build();
    }

    private static JsonObject rejected(int index, String jobId, String code, String reason) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("index", index);
        if (jobId != null) {
            b.add("jobId", jobId);
        }
        return b.add("outcome", "rejected").add("code", code).add("reason", reason).build();
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
