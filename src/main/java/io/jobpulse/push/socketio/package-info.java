/**
 * The Socket.IO endpoint {@code /socket.io/} (see docs/protocol.md, "Socket.IO"): Engine.IO 4 / Socket.IO 5 over
 * WebSocket, so existing socket.io-client frontends work unchanged.
 *
 * <p>Layers, each small: {@link io.jobpulse.push.socketio.EnginePacket} and
 * {@link io.jobpulse.push.socketio.SocketPacket} are the two text codecs;
 * {@link io.jobpulse.push.socketio.EngineIoSocket} is one Engine.IO session (handshake, heartbeat,
 * close); {@link io.jobpulse.push.socketio.SocketIoEndpoint} runs the namespace state machine;
 * {@link io.jobpulse.push.socketio.JobsNamespace} maps events onto the shared
 * {@link io.jobpulse.push.session.JobsProtocol}. Job events reach these clients through the same
 * {@link io.jobpulse.push.Hub} path as plain WebSocket clients; only the
 * {@link io.jobpulse.push.WireFormat} differs.
 *
 * <p>Key decisions (docs/protocol.md has the reasons): our own codec rather than a Socket.IO server
 * library, because every write must go through the connection's asynchronous single-writer outbox
 * and each job event is framed once for all subscribers; text packets only (binary attachments
 * close the connection); no HTTP long-polling transport ({@link io.jobpulse.push.socketio.PollingRefusal}
 * answers 400); one heartbeat tick for all connections ({@link io.jobpulse.push.session.Heartbeat}).
 */
package io.jobpulse.push.socketio;
