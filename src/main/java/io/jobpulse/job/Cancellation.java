package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks for a job to be cancelled, whoever asks (HTTP, plain WebSocket, Socket.IO): marks it
 * {@code cancelRequested}, which is pushed like any change, and tells this JVM's producers through
 * {@link CancelRequested}. The job ends {@code cancelled} when its producer confirms, or as
 * {@link Lifecycle#CANCEL_TIMEOUT} once {@code jobpulse.jobs.cancel-grace-seconds} pass without it
 * ({@link Deadlines}). Who may cancel is the caller's business (the job's owner or a job-admin).
 */
@ApplicationScoped
public class Cancellation {

    private static final Logger LOG = Logger.getLogger(Cancellation.class.getName());

    @Inject
    EventApplier service;

    @Inject
    Event<CancelRequested> requested;

    @Inject
    @ConfigProperty(name = "jobpulse.jobs.cancel-grace-seconds", defaultValue = "30")
    long graceSeconds;

    @Inject
    JobStore store;

    /**
     * The answer to a request: the job's state with {@code cancelRequested} when accepted (now or by an
     * earlier request), else a stable {@code code} ({@link #UNKNOWN_JOB}, {@link #JOB_FINISHED}) and a
     * message that says why.
     */
    public record Answer(Job job, String code, String message) {
        public boolean accepted() {
            return job != null;
        }
    }

    /** No such job, or one the caller may not cancel (the two are told apart to nobody). */
    public static final String UNKNOWN_JOB = "unknown_job";
    /** The job has ended; nothing changed. */
    public static final String JOB_FINISHED = "job_finished";

    /**
     * Asks to cancel {@code jobId} on behalf of a caller who may cancel the jobs {@code mayCancel}
     * accepts (their own; any for a job-admin). Repeating an accepted request changes nothing and
     * tells no producer again.
     */
    public Answer request(String jobId, Predicate<Job> mayCancel) {
        if (store.find(jobId).filter(mayCancel).isEmpty()) {
            return new Answer(null, UNKNOWN_JOB, "no job with id '" + jobId + "'");
        }
        Outcome outcome = request(jobId);
        if (outcome instanceof Outcome.Applied applied) {
            return new Answer(applied.job(), null, null);
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            return new Answer(null, rejected.code(), rejected.reason());
        }
        return store.find(jobId).map(job -> new Answer(job, null, null))
                .orElseGet(() -> new Answer(null, UNKNOWN_JOB, "no job with id '" + jobId + "'"));
    }

    private Outcome request(String jobId) {
        long grace = Math.max(0, graceSeconds);
        Outcome outcome = service.decide(jobId, (current, now) -> Endings.requestCancel(current, now, grace));
        if (outcome instanceof Outcome.Applied applied) {
            try {
                requested.fire(new CancelRequested(applied.job()));
            } catch (RuntimeException e) {
                // the request is stored and pushed; a producer's failing observer must not undo that
                LOG.log(Level.WARNING, "An observer of cancellation requests failed for job " + jobId, e);
            }
        }
        return outcome;
    }
}
