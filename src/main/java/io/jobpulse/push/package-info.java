/**
 * The delivery engine: who listens on this node and how a job change reaches them. Protocol-free:
 * what the two socket endpoints share on top of it is in {@code push.session}, the endpoints in
 * {@code push.plain} and {@code push.socketio}.
 *
 * <p>{@link io.jobpulse.push.Hub} is the one application-scoped registry of connections and their
 * subscriptions ({@link io.jobpulse.push.Topic}: by job and by user) and fans each change out; it
 * neither reads the store nor decides who may read what. Changes come in through
 * {@link io.jobpulse.push.HubFeed} (it observes {@link io.jobpulse.job.JobChanged}, paced per job by
 * {@link io.jobpulse.push.PushThrottle}, and {@link io.jobpulse.job.JobsPurged});
 * {@link io.jobpulse.push.Snapshots} is the one store query for what a topic covers (a subscribe's
 * snapshot, a node's resync). Each socket is a {@link io.jobpulse.push.Connection} with its own
 * {@link io.jobpulse.push.Outbox}: a single writer, asynchronous sends, replies first (bounded by
 * {@link io.jobpulse.push.ReplyLimit}); job updates wait in {@link io.jobpulse.push.LatestPerJob}, at
 * most one per job (a newer one replaces it in place). Producers only queue: the
 * {@link io.jobpulse.push.SenderThreads} start every connection's writes, a producer's batch handed
 * over once. A change is encoded once per {@link io.jobpulse.push.WireFormat} in
 * {@link io.jobpulse.push.JobUpdate} ({@link io.jobpulse.push.JobPayload},
 * {@link io.jobpulse.push.EventName}), whatever the number of subscribers.
 * {@link io.jobpulse.push.CloseCodes} are the close codes both endpoints document, and
 * {@link io.jobpulse.push.CloseCause} the one rule for which code each reason to close gets; every
 * server-side close is {@link io.jobpulse.push.Connection#close}, which forgets the connection at once.
 * {@link io.jobpulse.push.PushStats} are the counters and {@link io.jobpulse.push.PushMetrics}
 * registers them with the gauges.
 *
 * <p>Security (docs/security.md): {@link io.jobpulse.security.HandshakeGate} checks a socket's
 * {@code Origin} and, on {@code /ws/jobs}, its token before the upgrade; Socket.IO clients present
 * theirs in the CONNECT. Each connection then carries its {@link io.jobpulse.security.Caller} and
 * accepts only the jobs that caller may read ({@link io.jobpulse.push.Connection#deliver}, and the
 * same rule for snapshots). The {@link io.jobpulse.push.Watchdog}
 * sweep closes sockets that stopped reading (4000) and those whose token expired (4401).
 */
package io.jobpulse.push;
