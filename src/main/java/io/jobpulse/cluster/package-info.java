/**
 * Cross-node fan-out: several nodes behind a load balancer act as one. Enabled by
 * {@code jobpulse.redis.uri}; off (single node) by default.
 *
 * <p>Job state lives in the shared database, which alone assigns versions (a row lock per event, see
 * {@code JdbcJobStore}), so two nodes taking events for one job never hand out the same version.
 * Redis only moves changes: each node appends every change it accepts to one Redis stream
 * ({@link io.jobpulse.cluster.StreamPublisher}) and reads everyone else's from it
 * ({@link io.jobpulse.cluster.StreamReader}) into its local {@link io.jobpulse.push.Hub}. The hub's
 * outboxes already deliver per job in version order and drop anything not newer, which is what makes
 * the stream's at-least-once, possibly interleaved delivery safe.
 *
 * <p>Key decisions: a stream rather than pub/sub, because a reader that lost Redis for a while
 * continues from the last id it read instead of silently missing what was published meanwhile. What a
 * stream cannot give back (entries trimmed by the length cap, entries a node could not append while
 * it was cut off, a Redis restart without persistence) is recovered from the database: after every
 * reconnect, and whenever another node announces it lost changes, a node re-reads the current state of
 * every job its own clients follow. Publishing is asynchronous and never retried entry by entry, so
 * Redis can never slow down or fail a producer. Plain Jedis on managed threads (one blocking
 * connection each for reading and publishing) keeps the threading explicit.
 */
package io.jobpulse.cluster;
