package io.jobpulse.push;

/**
 * The WebSocket close codes jobpulse uses, on both endpoints. docs/protocol.md has the same table;
 * a client should reconnect (with backoff) on every code except {@link #POLICY_VIOLATION}. Which
 * reason to close gets which code is {@link CloseCause}'s rule.
 */
public final class CloseCodes {

    /** The client asked to close (Socket.IO: an Engine.IO close packet). */
    public static final int NORMAL = 1000;
    /** The server is stopping: reconnect, possibly to another node. */
    public static final int GOING_AWAY = 1001;
    /**
     * The client broke a rule it cannot fix by retrying the same way (floods, unread replies; on
     * {@code /socket.io/} also undecodable packets, binary data, a bad handshake query). Socket.IO
     * clients get a DISCONNECT packet first, which stops their automatic reconnection.
     */
    public static final int POLICY_VIOLATION = 1008;
    /** A text message exceeded {@code jobpulse.ws.max-frame-bytes} ({@code jobpulse.socketio.max-payload-bytes} on Socket.IO). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /**
     * Too many {@code /socket.io/} sockets from this address have not completed their CONNECT
     * ({@code jobpulse.socketio.max-unauthenticated-per-address}): retry later, with backoff.
     */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The server could not write to the socket. */
    public static final int INTERNAL_ERROR = 1011;
    /**
     * The client did not read for {@code jobpulse.ws.send-timeout-ms}: reconnect and resubscribe
     * (with the versions you have) to get the current state.
     */
    public static final int SLOW_CONSUMER = 4000;
    /**
     * The client stayed silent past a deadline: no pong within the ping timeout
     * ({@code jobpulse.ws.ping-timeout-ms}, {@code jobpulse.socketio.ping-timeout-ms}), or (Socket.IO)
     * no namespace CONNECT within {@code jobpulse.socketio.connect-timeout-ms}. The peer is presumed
     * gone; if it is not, it should reconnect.
     */
    public static final int PING_TIMEOUT = 4001;
    /**
     * The connection's token expired (or it presented none that is valid): reconnect with a fresh
     * token. Socket.IO clients get an {@code auth:expired} event first and no DISCONNECT packet, so
     * socket.io-client reconnects on its own and asks its {@code auth} callback for a new token.
     */
    public static final int UNAUTHORIZED = 4401;

    private CloseCodes() {
    }
}
