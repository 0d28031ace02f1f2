package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * The data of a pushed event: the seed's {@code job:progress / job:completed / job:failed} payloads
 * plus {@code version}, {@code userId} and {@code type} (CONTRACT §3). {@code timestamp} is the
 * time of the change. Null fields are left out.
 */
@JsonbPropertyOrder({"jobId", "status", "progress", "message", "result", "error", "timestamp", "version",
        "userId", "type"})
public record JobPayload(String jobId,
                         JobStatus status,
                         int progress,
                         String message,
                         JsonValue result,
                         String error,
                         Instant timestamp,
                         long version,
                         String userId,
                         String type) {

    public static JobPayload of(Job job) {
        return new JobPayload(job.jobId(), job.status(), job.progress(), job.message(), job.result(),
                job.error(), job.updatedAt(), job.version(), job.userId(), job.type());
    }
}
