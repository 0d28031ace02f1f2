package io.jobpulse.job;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * The state of one job as every API shows it (CONTRACT §1). Immutable: each accepted change
 * produces a new instance with {@code version + 1}.
 */
@JsonbPropertyOrder({"jobId", "userId", "type", "status", "progress", "message", "result", "error",
        "version", "createdAt", "updatedAt"})
public record Job(String jobId,
                  String userId,
                  String type,
                  JobStatus status,
                  int progress,
                  String message,
                  JsonValue result,
                  String error,
                  long version,
                  Instant createdAt,
                  Instant updatedAt) {

    /** Whether the job has ended; a finished job accepts no further change. */
    public boolean finished() {
        return status.isTerminal();
    }
}
