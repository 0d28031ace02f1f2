package io.jobpulse.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where job state lives. Implementations apply {@link Lifecycle} atomically per job, so concurrent
 * events on one job never lose an update and never produce two equal versions.
 */
public interface JobStore {

    /** Applies one event atomically against the job's current state. */
    Outcome apply(JobEvent event);

    /**
     * Applies events in order, each as {@link #apply} would, and returns their outcomes in that
     * order. A durable store commits them together (one transaction for a producer's batch) and
     * returns only once all are committed.
     */
    default List<Outcome> applyAll(List<JobEvent> events) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        events.forEach(e -> outcomes.add(apply(e)));
        return outcomes;
    }

    Optional<Job> find(String jobId);

    /** The user's jobs, newest first, at most {@code limit}; only unfinished ones if {@code activeOnly}. */
    List<Job> findByUser(String userId, boolean activeOnly, int limit);

    /**
     * Applies a server-side decision ({@link Endings}) atomically against the job's current state, as
     * {@link #apply} does for a producer's event: on a shared database exactly one node's decision
     * changes the job.
     */
    Outcome decide(String jobId, Endings.Decision decision);

    /** Ids of unfinished jobs whose deadline ({@link Job#staleAt()}) is not after {@code now}, at most {@code limit}. */
    List<String> dueBy(Instant now, int limit);

    /** Ids of unfinished jobs whose producer runs in server {@code node} ({@link Job#node()}). */
    List<String> activeIn(String node);

    /** Removes jobs that finished before {@code cutoff}; returns their ids. */
    List<String> purgeFinishedBefore(Instant cutoff);
}
