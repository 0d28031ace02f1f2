package io.jobpulse.push;

/**
 * The WebSocket close codes jobpulse uses, on both endpoints. docs/protocol.md has the same table;
 * a client should reconnect (with backoff) on every code except {@link #POLICY_VIOLATION}.
 */
public final class CloseCodes {

    /** The server is stopping: reconnect, possibly to another node. */
    public static final int GOING_AWAY = 1001;
    /** The client broke a rule it cannot fix by retrying the same way (floods, unread replies). */
    public static final int POLICY_VIOLATION = 1008;
    /** A text frame exceeded {@code jobpulse.ws.max-frame-bytes}. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The server could not write to the socket. */
    public static final int INTERNAL_ERROR = 1011;
    /**
     * The client did not read for {@code jobpulse.ws.send-timeout-ms}: reconnect and resubscribe
     * (with the versions you have) to get the current state.
     */
    public static final int SLOW_CONSUMER = 4000;
    /** No pong within {@code jobpulse.ws.ping-timeout-ms} of a ping: the peer is presumed gone. */
    public static final int PING_TIMEOUT = 4001;

    private CloseCodes() {
    }
}
