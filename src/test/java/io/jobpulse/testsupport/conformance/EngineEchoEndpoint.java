package io.jobpulse.testsupport.conformance;

import io.jobpulse.push.Hub;
import io.jobpulse.push.session.Heartbeats;
import io.jobpulse.push.session.SocketSettings;
import io.jobpulse.push.socketio.EngineIoSocket;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/**
 * {@code /engine.io/}: the product's Engine.IO layer with an echo on top, which is the server the
 * official Engine.IO protocol test suite expects ({@code 4hello} comes back as {@code 4hello}).
 */
@Dependent
@ServerEndpoint("/engine.io/")
public class EngineEchoEndpoint implements EngineIoSocket.Handler {

    @Inject
    Hub hub;

    @Inject
    SocketSettings settings;

    @Inject
    Heartbeats heartbeats;

    private EngineIoSocket socket;

    @OnOpen
    public void open(Session session) {
        socket = EngineIoSocket.open(session, settings, heartbeats.socketIo(), hub, this);
    }

    @OnMessage
    public void text(String part, boolean last) {
        if (socket != null) {
            socket.text(part, last);
        }
    }

    @OnMessage
    public void binary(ByteBuffer data) {
        if (socket != null) {
            socket.binary();
        }
    }

    @OnClose
    public void closed(Session session) {
        if (socket != null) {
            socket.closed();
        }
    }

    @Override
    public void message(String data) {
        socket.send(data);
    }
}
