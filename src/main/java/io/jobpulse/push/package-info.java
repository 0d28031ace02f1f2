/**
 * The push side: who listens on this node and how a job change reaches them.
 *
 * <p>{@link io.jobpulse.push.Hub} is the one application-scoped registry of connections and their
 * subscriptions (by job and by user); it observes {@link io.jobpulse.job.JobChanged}. Each socket is a
 * {@link io.jobpulse.push.Connection} with its own {@link io.jobpulse.push.Outbox}: a single writer,
 * asynchronous sends, at most one pending update per job (a newer one replaces it in place). A change
 * is encoded once per wire format in {@link io.jobpulse.push.JobUpdate}, whatever the number of
 * subscribers. {@link io.jobpulse.push.JobsProtocol} holds the subscribe / unsubscribe rules both
 * endpoints share; the endpoints only translate frames.
 */
package io.jobpulse.push;
