package io.jobpulse.job;

/**
 * Fired (synchronously, in the producer's thread) for every accepted change, after the store
 * holds it. The push hub, long-poll waiters and the cluster bridge observe it.
 */
public record JobChanged(Job job) {
}
