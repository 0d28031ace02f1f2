package io.jobpulse.push;

/**
 * Why the server closes a socket, and the one rule for the {@link CloseCodes close code} each reason
 * gets: every server-side close, on either endpoint, names its cause here rather than a number.
 */
public enum CloseCause {

    /** The client asked to close (Socket.IO: an Engine.IO close packet). */
    CLIENT_CLOSED(CloseCodes.NORMAL),
    /** The server (or the application) is stopping: reconnect, possibly to another node. */
    SERVER_STOPPING(CloseCodes.GOING_AWAY),
    /** A {@code /socket.io/} handshake query other than {@code EIO=4&transport=websocket} without a sid. */
    BAD_HANDSHAKE(CloseCodes.POLICY_VIOLATION),
    /** An undecodable packet, one in the wrong state, binary data or JSON nested too deep (Socket.IO). */
    PROTOCOL_VIOLATION(CloseCodes.POLICY_VIOLATION),
    /** The client kept sending past the rate limit after being told {@code rate_limited}. */
    FLOOD(CloseCodes.POLICY_VIOLATION),
    /** More replies waited for the client than {@link ReplyLimit} allows: it does not read them. */
    UNREAD_REPLIES(CloseCodes.POLICY_VIOLATION),
    /** The user already holds {@code jobpulse.ws.max-connections-per-user} connections ({@code /ws/jobs}). */
    TOO_MANY_CONNECTIONS(CloseCodes.POLICY_VIOLATION),
    /** A text message over the endpoint's size limit. */
    MESSAGE_TOO_BIG(CloseCodes.MESSAGE_TOO_BIG),
    /** Writing to the socket failed. */
    WRITE_FAILED(CloseCodes.INTERNAL_ERROR),
    /** Too many {@code /socket.io/} sockets from one address have not completed their CONNECT. */
    TOO_MANY_STRANGERS(CloseCodes.TRY_AGAIN_LATER),
    /** A write stayed in flight longer than {@code jobpulse.ws.send-timeout-ms}. */
    SLOW_CONSUMER(CloseCodes.SLOW_CONSUMER),
    /** The client stayed silent past a deadline: no pong in time, or (Socket.IO) no CONNECT in time. */
    TIMED_OUT(CloseCodes.PING_TIMEOUT),
    /** The socket arrived without a valid token ({@code /ws/jobs}). */
    UNAUTHENTICATED(CloseCodes.UNAUTHORIZED),
    /** The connection's token expired. */
    TOKEN_EXPIRED(CloseCodes.UNAUTHORIZED);

    private final int code;

    CloseCause(int code) {
        this.code = code;
    }

    /** The WebSocket close code the client sees. */
    public int code() {
        return code;
    }
}
