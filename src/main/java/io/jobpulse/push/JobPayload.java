package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.Arrays;

/**
 * The data of a pushed event: the socket.io-style {@code job:progress / job:completed / job:failed} payloads
 * plus {@code version}, {@code userId} and {@code type} (see docs/protocol.md, "Socket.IO"). {@code timestamp} is the
 * time of the change. Null fields are left out: {@code cancelRequested} appears only as {@code true},
 * {@code reason} only on an end the server decided (stalled, interrupted, cancel_timeout).
 */
@JsonbPropertyOrder({"jobId", "status", "progress", "message", "result", "error", "timestamp", "version",
        "userId", "type", "cancelRequested", "reason"})
public record JobPayload(String jobId,
                         JobStatus status,
                         int progress,
                         String message,
                         JsonValue result,
                         String error,
                         Instant timestamp,
                         long version,
                         String userId,
                         String type,
                         Boolean cancelRequested,
                         String reason) {

    /** Status names as JSON strings, by ordinal: computed once instead of lower-casing per push. */
    private static final String[] STATUS_JSON = Arrays.stream(JobStatus.values())
            .map(s -> '"' + s.wireName() + '"').toArray(String[]::new);

    public static JobPayload of(Job job) {
        return new JobPayload(job.jobId(), job.status(), job.progress(), job.message(), job.result(),
                job.error(), job.updatedAt(), job.version(), job.userId(), job.type(),
                job.cancelRequested() ? Boolean.TRUE : null, job.reason());
    }

    /**
     * The JSON the shared {@code Jsonb} writes for this record, written directly: it is encoded once
     * per change on the push hot path, where JSON-B's reflection-driven serialiser was the largest
     * share of jobpulse's own CPU (docs/benchmarks.md). {@code JobPayloadTest} holds it equal to
     * JSON-B's output, so a field added here without updating this method fails the build.
     */
    public String json() {
        StringBuilder b = new StringBuilder(256).append('{'); // fits a typical progress payload without growing
        string(b, "jobId", jobId);
        if (status != null) {
            name(b, "status").append(STATUS_JSON[status.ordinal()]);
        }
        name(b, "progress").append(progress);
        string(b, "message", message);
        if (result != null) {
            name(b, "result").append(result); // JSON-P writes a JsonValue as its toString does
        }
        string(b, "error", error);
        if (timestamp != null) {
            IsoInstant.append(name(b, "timestamp").append('"'), timestamp).append('"'); // ISO-8601, as JSON-B
        }
        name(b, "version").append(version);
        string(b, "userId", userId);
        string(b, "type", type);
        if (cancelRequested != null) {
            name(b, "cancelRequested").append(cancelRequested.booleanValue());
        }
        string(b, "reason", reason);
        return b.append('}').toString();
    }

    private static StringBuilder name(StringBuilder b, String name) {
        if (b.length() > 1) {
            b.append(',');
        }
        return b.append('"').append(name).append("\":");
    }

    /** A string member, left out when null; escaped as JSON-P escapes (quote, backslash, controls). */
    private static void string(StringBuilder b, String name, String value) {
        if (value == null) {
            return;
        }
        name(b, name).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
