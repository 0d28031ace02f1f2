package io.jobpulse.job;

import jakarta.json.JsonValue;

/**
 * Something that happened to a job, as a producer reports it. Fire it as a CDI event
 * ({@code @Inject Event<JobEvent> events; events.fire(JobEvent.progress("import-42", 40, "Parsing"))})
 * or use the {@link Jobs} facade.
 *
 * <p>Any kind may be the first event of a job; it then creates the job and must carry
 * {@code userId} (see {@link #forOwner}). Fields a kind does not use are null.
 *
 * @param eventId optional producer-chosen id that makes a retried delivery over HTTP or JMS apply
 *                once (see the ingest package); a CDI event is delivered once by the container, so
 *                its factories leave this null
 * @param staleAfterSeconds optional stall deadline: the job fails as stalled when its producer is
 *                          silent this long; it holds for the job's later events too; 0 = none,
 *                          absent = the server default
 * @param node optional: the server the producer runs in, when the job cannot outlive it ({@link Jobs#startHere})
 */
public record JobEvent(Kind kind,
                       String jobId,
                       String userId,
                       String jobType,
                       Integer progress,
                       String message,
                       JsonValue result,
                       String error,
                       String eventId,
                       Integer staleAfterSeconds,
                       String node) {

    /** An event that leaves the job's stall deadline as it is. */
    public JobEvent(Kind kind, String jobId, String userId, String jobType, Integer progress, String message,
                    JsonValue result, String error, String eventId) {
        this(kind, jobId, userId, jobType, progress, message, result, error, eventId, null, null);
    }

    /** What happened. The lower-case names are the {@code type} values of HTTP ingest. */
    public enum Kind { QUEUED, STARTED, PROGRESS, COMPLETED, FAILED, CANCELLED }

    public static JobEvent queued(String jobId, String userId, String jobType) {
        return new JobEvent(Kind.QUEUED, jobId, userId, jobType, null, null, null, null, null);
    }

    public static JobEvent started(String jobId) {
        return new JobEvent(Kind.STARTED, jobId, null, null, null, null, null, null, null);
    }

    public static JobEvent progress(String jobId, int progress, String message) {
        return new JobEvent(Kind.PROGRESS, jobId, null, null, progress, message, null, null, null);
    }

    public static JobEvent completed(String jobId, JsonValue result) {
        return completed(jobId, result, null);
    }

    /** Completion with a closing message (e.g. "Done"); without one the last progress message stays. */
    public static JobEvent completed(String jobId, JsonValue result, String message) {
        return new JobEvent(Kind.COMPLETED, jobId, null, null, null, message, result, null, null);
    }

    public static JobEvent failed(String jobId, String error) {
        return new JobEvent(Kind.FAILED, jobId, null, null, null, null, null, error, null);
    }

    public static JobEvent cancelled(String jobId, String reason) {
        return new JobEvent(Kind.CANCELLED, jobId, null, null, null, null, null, reason, null);
    }

    /** The same event, carrying the owner and label it needs when it is a job's first event. */
    public JobEvent forOwner(String userId, String jobType) {
        return new JobEvent(kind, jobId, userId, jobType, progress, message, result, error, eventId,
                staleAfterSeconds, node);
    }

    /** The same event setting the job's stall deadline (0 = none). */
    public JobEvent withStaleAfter(Integer seconds) {
        return new JobEvent(kind, jobId, userId, jobType, progress, message, result, error, eventId, seconds, node);
    }

    /** The same event from a producer in server {@code node}, whose jobs end when it stops. */
    public JobEvent inNode(String node) {
        return new JobEvent(kind, jobId, userId, jobType, progress, message, result, error, eventId,
                staleAfterSeconds, node);
    }

}
