package io.jobpulse.push.session;

import io.jobpulse.push.Outbox;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes an {@link Outbox}'s frames to a Jakarta WebSocket session with the blocking (Basic) remote:
 * the frame goes to the socket on the calling sender thread, which waits only while the socket
 * buffer is full (see {@link SenderThreads}).
 */
public final class SessionSender implements Outbox.Sender {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;

    public SessionSender(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    @Override
    public void ping() throws IOException {
        session.getBasicRemote().sendPing(EMPTY.duplicate());
    }
}
