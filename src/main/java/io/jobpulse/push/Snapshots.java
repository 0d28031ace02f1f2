package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The stored state of what a {@link Topic} covers: the one query behind a subscribe's snapshot and a
 * node's resync after an outage of the cluster stream.
 */
@ApplicationScoped
public class Snapshots {

    /** How many jobs a userId subscription's snapshot and ack include at most (newest first). */
    public static final int USER_SNAPSHOT_LIMIT = 100;

    private final JobStore store;

    @Inject
    public Snapshots(JobStore store) {
        this.store = store;
    }

    /** For the CDI proxy only. */
    protected Snapshots() {
        this.store = null;
    }

    /** What the topic covers, before authorisation: the job, or the user's newest jobs first (capped). */
    public List<Job> current(Topic topic) {
        return switch (topic.kind()) {
            case JOB -> store.find(topic.id()).map(List::of).orElse(List.of());
            case USER -> store.findByUser(topic.id(), false, USER_SNAPSHOT_LIMIT);
        };
    }

    /**
     * What a subscribe answers {@code connection} with: the current state of the jobs the topic
     * covers that it may read. Read after {@link Hub#subscribe}, so no change falls between the two.
     */
    public List<Job> visibleTo(Connection connection, Topic topic) {
        return current(topic).stream().filter(connection::mayRead).toList();
    }
}
