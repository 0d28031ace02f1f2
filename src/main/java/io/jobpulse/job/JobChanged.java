package io.jobpulse.job;

/**
 * Fired (synchronously) for every change a listener on this node must hear of, after the store
 * holds it: one this node accepted ({@code remote} false, in the producer's thread) or one another
 * node accepted and the cluster stream brought here ({@code remote} true, in the stream reader's
 * thread). The push hub and the long-poll waiters treat both alike; the cluster bridge publishes
 * only local ones, so a change crosses the stream once.
 */
public record JobChanged(Job job, boolean remote) {

    /** A change this node accepted. */
    public JobChanged(Job job) {
        this(job, false);
    }
}
