package io.jobpulse.it.harness;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hand-driven Engine.IO / Socket.IO client on a plain WebSocket, for frame-level checks: it sends
 * exactly the frames a test writes and, unless told otherwise, answers the server's pings the way
 * every real client does.
 */
public final class RawSocketIo implements AutoCloseable {

    public static final String PING = "2";
    public static final String PONG = "3";

    private final WsClient ws;

    private RawSocketIo(WsClient ws) {
        this.ws = ws;
    }

    public static RawSocketIo connect(URI uri) {
        return new RawSocketIo(WsClient.connect(uri));
    }

    /** Connects and reads the Engine.IO open packet. */
    public static RawSocketIo open(URI uri) {
        RawSocketIo client = connect(uri);
        String open = client.frame();
        assertTrue(open.startsWith("0{"), "expected the open packet, got " + open);
        return client;
    }

    /** Connects, then joins the main namespace and reads the CONNECT answer. */
    public static RawSocketIo joined(URI uri) {
        RawSocketIo client = open(uri);
        client.send("40");
        String connected = client.next();
        assertTrue(connected.startsWith("40{\"sid\":"), "expected a CONNECT answer, got " + connected);
        return client;
    }

    /** Connects, then joins the main namespace presenting {@code token} in the CONNECT auth payload. */
    public static RawSocketIo joined(URI uri, String token) {
        RawSocketIo client = open(uri);
        client.send("40{\"token\":\"" + token + "\"}");
        String connected = client.next();
        assertTrue(connected.startsWith("40{\"sid\":"), "expected a CONNECT answer, got " + connected);
        return client;
    }

    public RawSocketIo send(String frame) {
        ws.send(frame);
        return this;
    }

    /** One fragment of a text message; false when the server closed the connection first. */
    public boolean sendPart(String text, boolean last) {
        return ws.sendPart(text, last);
    }

    public RawSocketIo sendBinary(byte[] data) {
        ws.sendBinary(data);
        return this;
    }

    /** The next frame, whatever it is (pings included, none answered). */
    public String frame() {
        String frame = ws.poll(Duration.ofSeconds(10));
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    /** The next frame that is not a ping; pings on the way are answered with a pong. */
    public String next() {
        while (true) {
            String frame = frame();
            if (!PING.equals(frame)) {
                return frame;
            }
            send(PONG);
        }
    }

    /** The next non-ping frame within {@code timeout}, or null; pings on the way are answered. */
    public String poll(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            String frame = left <= 0 ? null : ws.poll(Duration.ofNanos(left));
            if (!PING.equals(frame)) {
                return frame;
            }
            send(PONG);
        }
    }

    /** Waits for the server to close the socket, answering pings meanwhile; returns the close code. */
    public int awaitClose(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!ws.isClosed() && System.nanoTime() < end) {
            String frame = ws.poll(Duration.ofMillis(20));
            if (PING.equals(frame)) {
                send(PONG);
            }
        }
        return ws.awaitClose(Duration.ofMillis(1));
    }

    /** Waits for the close without answering anything; frames that arrive meanwhile are dropped. */
    public int awaitCloseSilently(Duration timeout) {
        return ws.awaitClose(timeout);
    }

    public boolean isClosed() {
        return ws.isClosed();
    }

    @Override
    public void close() {
        ws.close();
    }
}
