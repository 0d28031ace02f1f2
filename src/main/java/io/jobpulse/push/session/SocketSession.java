package io.jobpulse.push.session;

import io.jobpulse.push.CloseCause;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.ReplyLimit;
import io.jobpulse.push.WireFormat;
import jakarta.websocket.Session;

import java.util.function.Consumer;

/**
 * One open socket as both endpoints keep it, from open to close: a {@link Connection} in the
 * {@link Hub} that writes to and closes the Jakarta WebSocket session, and its place in the endpoint's
 * {@link Heartbeat}. The endpoint brings only its protocol's ping. Every server-side close is
 * {@link Connection#close} with a {@link CloseCause}, which forgets the connection at once; a socket
 * refused before it becomes a connection is closed by {@link #refuse}, by the same rule.
 */
public final class SocketSession {

    private final Hub hub;
    private final Connection connection;
    private volatile Heartbeat.Pulse pulse;

    private SocketSession(Hub hub, Connection connection) {
        this.hub = hub;
        this.connection = connection;
    }

    /** Registers a new socket with the hub under {@code id}; nothing is written yet. */
    public static SocketSession open(Hub hub, Session session, String id, WireFormat format, ReplyLimit replyLimit) {
        return new SocketSession(hub, hub.connect(id, format, new SessionSender(session), new SessionCloser(session),
                replyLimit));
    }

    /** Closes a socket that never became a connection (e.g. its handshake was refused), with the cause's code. */
    public static void refuse(Session session, CloseCause cause, String reason) {
        new SessionCloser(session).close(cause.code(), reason);
    }

    /**
     * Starts pinging the socket on {@code heartbeat}: {@code ping} queues the protocol's ping on the
     * connection; a peer that stays silent past a deadline is closed with {@link CloseCause#TIMED_OUT}.
     */
    public Heartbeat.Pulse watch(Heartbeat heartbeat, Consumer<Connection> ping) {
        pulse = heartbeat.watch(new Heartbeat.Peer() {
            @Override
            public void ping() {
                ping.accept(connection);
            }

            @Override
            public void timedOut(String reason) {
                connection.close(CloseCause.TIMED_OUT, reason);
            }
        });
        return pulse;
    }

    public Connection connection() {
        return connection;
    }

    /** The socket's place in the heartbeat; null until {@link #watch}. */
    public Heartbeat.Pulse pulse() {
        return pulse;
    }

    /** The WebSocket is gone: stop pinging, forget the connection and its subscriptions. */
    public void closed() {
        Heartbeat.Pulse watched = pulse;
        if (watched != null) {
            watched.stop();
        }
        hub.disconnect(connection);
    }
}
