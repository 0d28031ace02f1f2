package io.jobpulse.job;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;

import java.time.Instant;

/**
 * The state of one job as every API shows it (see README, "The job and its rules"). Immutable: each accepted change
 * produces a new instance with {@code version + 1}.
 *
 * @param cancelRequested someone asked to cancel the job; its producer should stop and confirm
 * @param reason          machine-readable cause of an end the server decided ({@link Lifecycle#STALLED},
 *                        {@link Lifecycle#INTERRUPTED}, {@link Lifecycle#CANCEL_TIMEOUT}); null otherwise
 * @param staleAfterSeconds the producer's own stall deadline; null means the server default
 * @param staleAt         when the job ends as stalled (or, once cancellation is requested, as cancelled)
 *                        unless its producer is heard from first; null when no deadline applies
 * @param node            the server its producer runs in, for a producer that lives and dies with that
 *                        server (demo jobs, Jakarta Batch); null for external producers. Kept out of
 *                        JSON: a server name is nothing a browser needs to know
 */
@JsonbPropertyOrder({"jobId", "userId", "type", "status", "progress", "message", "result", "error",
        "version", "createdAt", "updatedAt", "cancelRequested", "reason", "staleAfterSeconds", "staleAt"})
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
                  Instant updatedAt,
                  boolean cancelRequested,
                  String reason,
                  Integer staleAfterSeconds,
                  Instant staleAt,
                  @JsonbTransient String node) {

    /** The constructor JSON-B reads a job with (a cluster node's change from the stream). */
    @JsonbCreator
    public Job {
    }

    /** A job without cancellation request, server reason or deadline. */
    public Job(String jobId, String userId, String type, JobStatus status, int progress, String message,
               JsonValue result, String error, long version, Instant createdAt, Instant updatedAt) {
        this(jobId, userId, type, status, progress, message, result, error, version, createdAt, updatedAt,
                false, null, null, null, null);
    }

    /** Whether the job has ended; a finished job accepts no further change. */
    public boolean finished() {
        return status.isTerminal();
    }
}
