package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;

/**
 * The facade for application code: {@code jobs.start(userId, "report").progress(40, "Rendering")}.
 * A thin layer over {@code Event<JobEvent>}: everything still goes through the CDI path.
 */
@ApplicationScoped
public class Jobs {

    @Inject
    Event<JobEvent> events;

    @Inject
    JobStore store;

    @Inject
    NodeIdentity node;

    /** Creates a running job with a generated id. */
    public JobHandle start(String userId, String type) {
        return start(newJobId(type), userId, type);
    }

    /** Creates a running job with the caller's id (e.g. an upload id the browser already knows). */
    public JobHandle start(String jobId, String userId, String type) {
        events.fire(new JobEvent(JobEvent.Kind.STARTED, jobId, userId, type, null, null, null, null, null));
        return new JobHandle(jobId, events);
    }

    /**
     * As {@link #start(String, String, String)}, with the job's stall deadline: it fails as stalled
     * when no event of it comes for {@code staleAfterSeconds} (0 = never; the server default otherwise).
     */
    public JobHandle start(String jobId, String userId, String type, int staleAfterSeconds) {
        events.fire(new JobEvent(JobEvent.Kind.STARTED, jobId, userId, type, null, null, null, null, null)
                .withStaleAfter(staleAfterSeconds));
        return new JobHandle(jobId, events);
    }

    /**
     * Creates a running job whose work runs in this server and cannot outlive it (a thread, a timer):
     * if the server stops before the job ends, it ends {@code failed} / {@code interrupted} when the
     * server starts again, instead of waiting for its stall deadline.
     */
    public JobHandle startHere(String userId, String type) {
        return startHere(newJobId(type), userId, type);
    }

    /** As {@link #startHere(String, String)}, with the caller's id. */
    public JobHandle startHere(String jobId, String userId, String type) {
        events.fire(new JobEvent(JobEvent.Kind.STARTED, jobId, userId, type, null, null, null, null, null)
                .inNode(node.id()));
        return new JobHandle(jobId, events);
    }

    /** Creates a queued job; call {@link JobHandle#running()} when work begins. */
    public JobHandle enqueue(String jobId, String userId, String type) {
        events.fire(JobEvent.queued(jobId, userId, type));
        return new JobHandle(jobId, events);
    }

    /** A handle for a job created elsewhere, e.g. by another request. */
    public JobHandle handle(String jobId) {
        return new JobHandle(jobId, events);
    }

    public Optional<Job> find(String jobId) {
        return store.find(jobId);
    }

    private static String newJobId(String type) {
        String prefix = type != null && Ids.isJobType(type) ? type : "job";
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
