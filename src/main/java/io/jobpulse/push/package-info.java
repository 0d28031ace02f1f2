/**
 * The push side: who listens on this node and how a job change reaches them.
 *
 * <p>{@link io.jobpulse.push.Hub} is the one application-scoped registry of connections and their
 * subscriptions (by job and by user); it observes {@link io.jobpulse.job.JobChanged}. Each socket is a
 * {@link io.jobpulse.push.Connection} with its own {@link io.jobpulse.push.Outbox}: a single writer,
 * replies first; job updates wait in {@link io.jobpulse.push.LatestPerJob}, at most one per job (a
 * newer one replaces it in place). Producers only queue: the {@link io.jobpulse.push.SenderThreads}
 * write every connection's frames with blocking sends, many connections per wake-up. A change
 * is encoded once per wire format in {@link io.jobpulse.push.JobUpdate}, whatever the number of
 * subscribers. {@link io.jobpulse.push.JobsProtocol} holds the subscribe / unsubscribe rules both
 * endpoints share; the endpoints only translate frames.
 *
 * <p>Security (docs/security.md): {@link io.jobpulse.push.HandshakeGate} checks a socket's
 * {@code Origin} and, on {@code /ws/jobs}, its token before the upgrade; Socket.IO clients present
 * theirs in the CONNECT. Each connection then carries its {@link io.jobpulse.security.Caller}, and the
 * hub hands a connection only the jobs that caller may read. The {@link io.jobpulse.push.Watchdog}
 * sweep closes sockets whose token expired (4401).
 */
package io.jobpulse.push;
