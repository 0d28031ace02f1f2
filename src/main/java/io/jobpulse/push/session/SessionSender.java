package io.jobpulse.push.session;

import io.jobpulse.push.Outbox;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes an {@link Outbox}'s frames to a Jakarta WebSocket session, asynchronously. */
public final class SessionSender implements Outbox.Sender {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;

    public SessionSender(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text, SendHandler done) {
        session.getAsyncRemote().sendText(text, done);
    }

    @Override
    public void ping() throws IOException {
        session.getAsyncRemote().sendPing(EMPTY.duplicate());
    }
}
