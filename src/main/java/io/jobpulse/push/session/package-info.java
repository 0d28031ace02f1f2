/**
 * What both socket endpoints ({@code push.plain} and {@code push.socketio}) share once a socket is
 * open, so each endpoint only translates its own frames:
 * <ul>
 *   <li>the protocol: {@link io.jobpulse.push.session.JobsProtocol} (subscribe / unsubscribe / cancel
 *       rules, limits, rate), {@link io.jobpulse.push.session.SubscriptionRequest} (parsing a request's
 *       arguments) and {@link io.jobpulse.push.session.Reply} (its answer, before the endpoint frames it);</li>
 *   <li>connection upkeep: {@link io.jobpulse.push.session.SocketSession} (a socket from open to
 *       close: its hub connection, its heartbeat, refusing a socket before it is one),
 *       {@link io.jobpulse.push.session.Heartbeat} (pings and dead-peer timeouts on one tick) and
 *       {@link io.jobpulse.push.session.TextAssembler} (joining a fragmented text message within a
 *       size limit);</li>
 *   <li>the wiring: {@link io.jobpulse.push.session.SocketSettings} (every setting of both endpoints,
 *       each read once, and the flood allowance the protocol applies) and
 *       {@link io.jobpulse.push.session.Heartbeats} (each endpoint's one heartbeat);</li>
 *   <li>the adapters from a Jakarta WebSocket {@code Session} to the delivery engine's writer and
 *       closer ({@link io.jobpulse.push.session.SessionSender}, {@link io.jobpulse.push.session.SessionCloser}).</li>
 * </ul>
 *
 * <p>Dependencies run one way: this package uses the delivery engine ({@code io.jobpulse.push}); the
 * engine never uses this package.
 */
package io.jobpulse.push.session;
