package io.jobpulse.ingest.batchevents;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of Liberty's batch event topics: the topic says what happened, the JSON body (the
 * job instance, execution, step, checkpoint or partition as the batch REST API shows it) to what.
 * Only the fields jobpulse uses are kept; absent ones are null ("" in Liberty's JSON counts as absent).
 *
 * @param jobName   the job's name: its {@code id} in the job XML; the XML file's name on a
 *                  {@code submitted} event, where Liberty does not know the id yet
 * @param appName   the application that runs the job ({@code app#module}); instance events only
 * @param submitter who submitted the job (none without application security); instance events only
 * @param metrics   a step's counts ({@code READ_COUNT} ...) on step events, else empty
 */
record LibertyBatchEvent(BatchTopic topic,
                         long instanceId,
                         Long executionId,
                         String jobName,
                         String appName,
                         String submitter,
                         String batchStatus,
                         String exitStatus,
                         String stepName,
                         Long stepExecutionId,
                         Integer partitionNumber,
                         Map<String, Long> metrics) {

    /** A message jobpulse cannot read: {@code code} is a metrics label, {@code reason} what was wrong. */
    static final class Unreadable extends Exception {
        private final String code;

        Unreadable(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** Longest body read: Liberty's events are a few hundred bytes (job parameters included). */
    static final int MAX_BODY_CHARS = 256 * 1024;

    /** The topic of a message, by its name. */
    static BatchTopic topic(String topicName) throws Unreadable {
        return BatchTopic.of(topicName)
                .orElseThrow(() -> new Unreadable("unknown", "unknown batch event topic '" + topicName + "'"));
    }

    static LibertyBatchEvent read(String topicName, String body) throws Unreadable {
        return read(topic(topicName), topicName, body);
    }

    static LibertyBatchEvent read(BatchTopic topic, String topicName, String body) throws Unreadable {
        if (body == null || body.isBlank()) {
            throw new Unreadable("malformed", "no JSON body on " + topicName);
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new Unreadable("malformed", "body of " + body.length() + " characters on " + topicName);
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                throw new Unreadable("malformed", "body on " + topicName + " is not a JSON object");
            }
            json = o;
        } catch (JsonException e) {
            throw new Unreadable("malformed", "body on " + topicName + " is not JSON: " + e.getMessage());
        }
        Long instanceId = number(json, "instanceId");
        if (instanceId == null) {
            throw new Unreadable("malformed", "no instanceId in the body on " + topicName);
        }
        Long executionId = number(json, "executionId");
        if (executionId == null && !topic.isInstanceEvent() && topic != BatchTopic.JOB_LOG_PART) {
            throw new Unreadable("malformed", "no executionId in the body on " + topicName);
        }
        Long partition = number(json, "partitionNumber");
        String jobName = text(json, "jobName");
        return new LibertyBatchEvent(topic, instanceId, executionId, jobName != null ? jobName : text(json, "jobXMLName"),
                text(json, "appName"),
                text(json, "submitter"), text(json, "batchStatus"), text(json, "exitStatus"), text(json, "stepName"),
                number(json, "stepExecutionId"), partition == null ? null : partition.intValue(), metrics(json));
    }

    /** A number, or a string holding one (Liberty writes step metrics as strings). */
    private static Long number(JsonObject json, String name) throws Unreadable {
        JsonValue value = json.get(name);
        try {
            if (value instanceof JsonNumber n) {
                return n.longValueExact();
            }
            if (value instanceof JsonString s && !s.getString().isBlank()) {
                return Long.parseLong(s.getString().trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Unreadable("malformed", "'" + name + "' is not a whole number: " + value);
        }
        if (value == null || value == JsonValue.NULL || value instanceof JsonString) {
            return null;
        }
        throw new Unreadable("malformed", "'" + name + "' is not a number: " + value);
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
    }

    private static Map<String, Long> metrics(JsonObject json) throws Unreadable {
        if (!(json.get("metrics") instanceof JsonObject metrics)) {
            return Map.of();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : metrics.keySet()) {
            Long count = number(metrics, name);
            if (count != null) {
                counts.put(name, count);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    long metric(String name) {
        return metrics.getOrDefault(name, 0L);
    }
}
