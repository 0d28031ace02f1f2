package io.jobpulse.job;

import io.jobpulse.job.Outcome.Applied;
import io.jobpulse.job.Outcome.Ignored;
import io.jobpulse.job.Outcome.Rejected;

import java.time.Duration;
import java.time.Instant;

/**
 * The rules by which a job ends without its producer saying so: a stall deadline passes, the server
 * running the producer restarted, a cancellation was requested. Pure functions like {@link Lifecycle},
 * run by the stores inside the same per-job atomic section, so when several nodes decide at once the
 * first one ends the job and the others find it finished and change nothing.
 */
public final class Endings {

    private Endings() {
    }

    /** What the server decides about one job, given its current state (null if it does not exist). */
    @FunctionalInterface
    public interface Decision {
        Outcome decide(Job current, Instant now);
    }

    /**
     * Carries the job's deadline state into {@code next}, the state an accepted producer event made
     * from {@code current}. Every event of a running job restarts its stall deadline; once a
     * cancellation is requested the grace deadline stands however busy the producer is.
     */
    static Job withDeadline(Job next, Job current, JobEvent event, Instant now, long defaultStaleAfterSeconds) {
        Integer own = event.staleAfterSeconds() != null ? event.staleAfterSeconds()
                : current == null ? null : current.staleAfterSeconds();
        boolean cancelRequested = current != null && current.cancelRequested();
        Instant staleAt;
        if (next.finished()) {
            staleAt = null;
        } else if (cancelRequested) {
            staleAt = current.staleAt();
        } else {
            long seconds = own != null ? own : defaultStaleAfterSeconds;
            staleAt = seconds > 0 ? now.plusSeconds(seconds) : null;
        }
        String node = event.node() != null ? event.node() : current == null ? null : current.node();
        return with(next, cancelRequested, null, own, staleAt, node);
    }

    /**
     * Ends a job whose deadline has passed: {@code failed} with reason {@link Lifecycle#STALLED}, or
     * {@code cancelled} with {@link Lifecycle#CANCEL_TIMEOUT} when it was waiting for its producer to
     * confirm a cancellation. Anything else (finished, deadline moved on, no deadline) is ignored.
     */
    public static Outcome expire(Job current, Instant now) {
        if (current == null || current.finished() || current.staleAt() == null || current.staleAt().isAfter(now)) {
            return new Ignored("not due");
        }
        long seconds = Duration.between(current.updatedAt(), current.staleAt()).toSeconds();
        if (current.cancelRequested()) {
            return new Applied(end(current, JobStatus.CANCELLED, "cancelled: the producer did not confirm within "
                    + seconds + " s", Lifecycle.CANCEL_TIMEOUT, now));
        }
        return new Applied(end(current, JobStatus.FAILED, "stalled: no update for " + seconds + " s",
                Lifecycle.STALLED, now));
    }

    /** Ends an unfinished job whose producer died with the server it ran in. */
    public static Outcome interrupt(Job current, Instant now) {
        if (current == null || current.finished()) {
            return new Ignored("not running");
        }
        return new Applied(end(current, JobStatus.FAILED,
                "interrupted: the server running this job stopped before it ended", Lifecycle.INTERRUPTED, now));
    }

    /**
     * Marks an unfinished job {@code cancelRequested} and gives its producer {@code graceSeconds} to
     * confirm (0 = wait for the producer however long). Asking again changes nothing; a finished job
     * cannot be cancelled.
     */
    public static Outcome requestCancel(Job current, Instant now, long graceSeconds) {
        if (current == null) {
            return new Rejected(Cancellation.UNKNOWN_JOB, "there is no such job");
        }
        if (current.finished()) {
            return new Rejected(Cancellation.JOB_FINISHED, "job '" + current.jobId() + "' is already "
                    + current.status().wireName() + "; there is nothing to cancel");
        }
        if (current.cancelRequested()) {
            return new Ignored("cancellation of job '" + current.jobId() + "' was already requested");
        }
        Job next = new Job(current.jobId(), current.userId(), current.type(), current.status(), current.progress(),
                current.message(), null, null, current.version() + 1, current.createdAt(), now);
        return new Applied(with(next, true, null, current.staleAfterSeconds(),
                graceSeconds > 0 ? now.plusSeconds(graceSeconds) : null, current.node()));
    }

    private static Job end(Job current, JobStatus status, String error, String reason, Instant now) {
        Job next = new Job(current.jobId(), current.userId(), current.type(), status, current.progress(),
                current.message(), null, error, current.version() + 1, current.createdAt(), now);
        return with(next, current.cancelRequested(), reason, current.staleAfterSeconds(), null, current.node());
    }

    private static Job with(Job j, boolean cancelRequested, String reason, Integer staleAfterSeconds, Instant staleAt,
                            String node) {
        return new Job(j.jobId(), j.userId(), j.type(), j.status(), j.progress(), j.message(), j.result(), j.error(),
                j.version(), j.createdAt(), j.updatedAt(), cancelRequested, reason, staleAfterSeconds, staleAt, node);
    }
}
