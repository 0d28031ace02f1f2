package io.jobpulse.job;

import io.jobpulse.job.Outcome.Applied;
import io.jobpulse.job.Outcome.Ignored;
import io.jobpulse.job.Outcome.Rejected;

import java.time.Instant;

/**
 * The lifecycle rules (see README, "The job and its rules") as one pure function, so the memory store and the durable
 * stores apply exactly the same rules inside their own atomic sections.
 */
public final class Lifecycle {

    /** Longest progress message kept; longer ones are rejected rather than silently cut. */
    public static final int MAX_MESSAGE_LENGTH = 1000;
    /** Longest failure or cancellation reason. */
    public static final int MAX_ERROR_LENGTH = 4000;
    /** Longest stall deadline a producer may set: a week. */
    public static final int MAX_STALE_AFTER_SECONDS = 7 * 24 * 3600;

    /** {@link Job#reason()}: the producer was silent past the job's deadline. */
    public static final String STALLED = "stalled";
    /** {@link Job#reason()}: the producer lived in a server that stopped before the job ended. */
    public static final String INTERRUPTED = "interrupted";
    /** {@link Job#reason()}: cancellation was requested and the producer did not confirm in time. */
    public static final String CANCEL_TIMEOUT = "cancel_timeout";

    private Lifecycle() {
    }

    /**
     * Applies {@code event} to {@code current} (null when the job does not exist yet).
     *
     * @return {@link Applied} with the new state at {@code current.version + 1} (1 for a new job),
     *         {@link Rejected} when the event breaks a rule, {@link Ignored} when it changes nothing
     */
    public static Outcome apply(Job current, JobEvent event, Instant now) {
        return apply(current, event, now, 0);
    }

    /**
     * As {@link #apply(Job, JobEvent, Instant)}, with the server's stall deadline for jobs whose
     * producer set none ({@code 0} = none).
     */
    public static Outcome apply(Job current, JobEvent event, Instant now, long defaultStaleAfterSeconds) {
        Outcome outcome = applyRules(current, event, now);
        if (outcome instanceof Applied a) {
            return new Applied(Endings.withDeadline(a.job(), current, event, now, defaultStaleAfterSeconds));
        }
        return outcome;
    }

    private static Outcome applyRules(Job current, JobEvent event, Instant now) {
        Rejected invalid = validate(event);
        if (invalid != null) {
            return invalid;
        }
        if (current == null) {
            if (event.userId() == null) {
                return new Rejected("unknown_job", "job '" + event.jobId()
                        + "' does not exist; the first event of a job must carry its userId");
            }
            current = new Job(event.jobId(), event.userId(), event.jobType(), JobStatus.QUEUED, 0,
                    null, null, null, 0, now, now);
            if (event.kind() == JobEvent.Kind.QUEUED) {
                return new Applied(next(current, JobStatus.QUEUED, 0, null, now));
            }
        } else {
            if (current.finished() && current.reason() != null) {
                // the producer believes the job is still alive: tell it, unlike a plain late event
                return new Rejected("job_" + current.reason(), "job '" + current.jobId() + "' already ended "
                        + current.status().wireName() + ": " + current.error());
            }
            if (current.finished()) {
                return new Ignored("job '" + current.jobId() + "' is already " + current.status().wireName());
            }
            if (event.userId() != null && !event.userId().equals(current.userId())) {
                return new Rejected("owner_mismatch", "job '" + current.jobId()
                        + "' belongs to another user; a job's userId never changes");
            }
        }
        return transition(current, event, now);
    }

    private static Outcome transition(Job current, JobEvent event, Instant now) {
        return switch (event.kind()) {
            case QUEUED -> new Ignored("job '" + current.jobId() + "' already exists");
            case STARTED -> current.status() == JobStatus.RUNNING
                    ? new Ignored("job '" + current.jobId() + "' is already running")
                    : new Applied(next(current, JobStatus.RUNNING, current.progress(), event.message(), now));
            case PROGRESS -> progress(current, event, now);
            case COMPLETED -> new Applied(new Job(current.jobId(), current.userId(), current.type(),
                    JobStatus.COMPLETED, 100, messageOr(event, current), event.result(), null,
                    current.version() + 1, current.createdAt(), now));
            case FAILED -> new Applied(ended(current, JobStatus.FAILED, event, "failed", now));
            case CANCELLED -> new Applied(ended(current, JobStatus.CANCELLED, event, "cancelled", now));
        };
    }

    private static Outcome progress(Job current, JobEvent event, Instant now) {
        int progress = event.progress() == null ? current.progress() : event.progress();
        if (progress < current.progress()) {
            return new Rejected("progress_backwards", "progress of job '" + current.jobId()
                    + "' may not go down (" + current.progress() + " -> " + progress + ")");
        }
        return new Applied(next(current, JobStatus.RUNNING, progress, event.message(), now));
    }

    private static Job next(Job current, JobStatus status, int progress, String message, Instant now) {
        return new Job(current.jobId(), current.userId(), current.type(), status, progress,
                message == null ? current.message() : message, null, null,
                current.version() + 1, current.createdAt(), now);
    }

    private static Job ended(Job current, JobStatus status, JobEvent event, String defaultError, Instant now) {
        String error = event.error() == null || event.error().isBlank() ? defaultError : event.error();
        return new Job(current.jobId(), current.userId(), current.type(), status, current.progress(),
                messageOr(event, current), null, error, current.version() + 1, current.createdAt(), now);
    }

    private static String messageOr(JobEvent event, Job current) {
        return event.message() == null ? current.message() : event.message();
    }

    /** Checks the event on its own, before it meets the job. */
    private static Rejected validate(JobEvent event) {
        if (event == null || event.kind() == null) {
            return new Rejected("invalid_event", "an event needs a kind");
        }
        if (!Ids.isJobId(event.jobId())) {
            return new Rejected("invalid_job_id", Ids.JOB_ID_RULE);
        }
        if (event.userId() != null && !Ids.isUserId(event.userId())) {
            return new Rejected("invalid_user_id", Ids.USER_ID_RULE);
        }
        if (event.jobType() != null && !Ids.isJobType(event.jobType())) {
            return new Rejected("invalid_type", Ids.JOB_TYPE_RULE);
        }
        if (event.progress() != null && (event.progress() < 0 || event.progress() > 100)) {
            return new Rejected("invalid_progress",
                    "progress must be an integer from 0 to 100, got " + event.progress());
        }
        if (event.message() != null && event.message().length() > MAX_MESSAGE_LENGTH) {
            return new Rejected("message_too_long", "message may have at most " + MAX_MESSAGE_LENGTH + " characters");
        }
        if (event.error() != null && event.error().length() > MAX_ERROR_LENGTH) {
            return new Rejected("error_too_long", "error may have at most " + MAX_ERROR_LENGTH + " characters");
        }
        if (event.staleAfterSeconds() != null
                && (event.staleAfterSeconds() < 0 || event.staleAfterSeconds() > MAX_STALE_AFTER_SECONDS)) {
            return new Rejected("invalid_stale_after", "staleAfterSeconds must be an integer from 0 (no deadline) to "
                    + MAX_STALE_AFTER_SECONDS + ", got " + event.staleAfterSeconds());
        }
        if (hasControl(event.message())) {
            return new Rejected("invalid_message", CONTROL_RULE.formatted("message"));
        }
        if (hasControl(event.error())) {
            return new Rejected("invalid_error", CONTROL_RULE.formatted("error"));
        }
        return null;
    }

    private static final String CONTROL_RULE =
            "%s may not contain control characters (NUL, escape ...) other than tab and line breaks";

    /**
     * Control characters other than tab and line breaks: NUL cannot be stored in PostgreSQL text at
     * all (a whole ingest batch failed on one), and the rest only serve to garble terminals and logs.
     */
    private static boolean hasControl(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
