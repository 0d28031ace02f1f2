package io.jobpulse.push.socketio;

import io.jobpulse.push.CloseCause;
import io.jobpulse.push.CloseCodes;
import io.jobpulse.push.Hub;
import io.jobpulse.push.session.Heartbeats;
import io.jobpulse.push.session.JobsProtocol;
import io.jobpulse.push.session.Reply;
import io.jobpulse.push.session.SocketSession;
import io.jobpulse.push.session.SocketSettings;
import io.jobpulse.security.HandshakeGate;
import io.jobpulse.security.JsonDepth;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /socket.io/}: Socket.IO 5 over Engine.IO 4, WebSocket transport only, for existing
 * socket.io-client frontends (see docs/protocol.md, "Socket.IO"). This class reads Socket.IO packets and keeps the
 * namespace state machine; Engine.IO lives in {@link EngineIoSocket}, the application in
 * {@link JobsNamespace}. A client packet that is undecodable or arrives in the wrong state closes
 * only this connection, as the reference server does. {@code @Dependent} for injection (see
 * {@code PlainEndpoint}).
 */
@Dependent
@ServerEndpoint("/socket.io/")
public class SocketIoEndpoint implements EngineIoSocket.Handler {

    /** Sent before closing a connection whose token expired (never a reserved Socket.IO name). */
    public static final String AUTH_EXPIRED = "auth:expired";

    private static final Logger LOG = Logger.getLogger(SocketIoEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    SocketSettings settings;

    @Inject
    Heartbeats heartbeats;

    @Inject
    JsonDepth depth;

    @Inject
    JobsNamespace namespaces;

    @Inject
    JobsProtocol protocol;

    private EngineIoSocket socket;
    private SocketIoClient client;
    /** Why the last packet was over the rate limit; null when it was not. */
    private Reply.Error limited;

    @Inject
    Strangers strangers;

    /** The address counted in {@link Strangers} until the CONNECT is accepted or the socket closes; else null. */
    private String stranger;

    @OnOpen
    public void open(Session session) {
        String address = session.getUserPrincipal() instanceof HandshakeGate.PeerAddress peer ? peer.address() : "unknown";
        if (!strangers.enter(address)) {
            SocketSession.refuse(session, CloseCause.TOO_MANY_STRANGERS, "more than " + strangers.maxPerAddress()
                    + " sockets from your address have not connected yet; retry later");
            return;
        }
        stranger = address;
        socket = EngineIoSocket.open(session, settings, heartbeats.socketIo(), hub, this);
        if (socket != null) {
            SocketSettings.SocketIo limits = settings.socketIo();
            client = new SocketIoClient(socket, limits.maxPayloadBytes());
            socket.limitMessages(limits.maxConnectBytes());
            socket.pulse().deadline(limits.connectTimeout(),
                    "no Socket.IO CONNECT within " + limits.connectTimeout().toMillis() + " ms");
        }
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
        known();
        if (socket != null) {
            socket.closed();
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "Socket.IO WebSocket error on " + session.getId(), error);
    }

    @Override
    public boolean admit() {
        limited = protocol.admit(socket.connection());
        return limited == null;
    }

    @Override
    public void message(String data) {
        handle(data, null);
    }

    /** Over the limit a CONNECT and an EVENT with an ack id are answered {@code rate_limited}; the rest is dropped. */
    @Override
    public void messageOverLimit(String data) {
        handle(data, limited);
    }

    private void handle(String data, Reply.Error limited) {
        if (depth.exceeds(data)) {
            socket.refuse("JSON nested deeper than " + depth.max() + " levels (jobpulse.json.max-depth)");
            return;
        }
        SocketPacket packet;
        try {
            packet = SocketPacket.decode(data);
        } catch (MalformedPacket e) {
            socket.refuse(e.getMessage());
            return;
        }
        String namespace = packet.namespace();
        if (packet.type() == SocketPacket.Type.CONNECT && limited != null) {
            client.refuse(namespace, limited.message()); // a refused client may retry; not endlessly
        } else if (packet.type() == SocketPacket.Type.CONNECT) {
            connect(namespace, packet.data() == null ? JsonValue.EMPTY_JSON_OBJECT : packet.data().asJsonObject());
        } else if (!client.joined(namespace)) {
            socket.refuse(packet.type() + " for a namespace the client has not joined");
        } else {
            switch (packet.type()) {
                case DISCONNECT -> {
                    client.left(namespace);
                    namespaces.disconnect(client, namespace);
                }
                case EVENT -> namespaces.event(client, namespace, packet.event(), packet.arguments(), packet.ackId(), limited);
                case ACK -> {
                    // The server never asks for acks, so there is nothing to match this one with.
                }
                default -> socket.refuse(packet.type() + " packets are sent by servers only");
            }
        }
    }

    /** The socket no longer counts as a stranger: its CONNECT was accepted, or it closed. */
    @Override
    public void joined() {
        known();
    }

    private synchronized void known() {
        if (stranger != null) {
            strangers.leave(stranger);
            stranger = null;
        }
    }

    /**
     * Before a policy-violation close, Socket.IO DISCONNECT for the main namespace: the client
     * library then does not reconnect. Before an expired-token close, the {@value #AUTH_EXPIRED}
     * event and no DISCONNECT: the client reconnects and can present a fresh token.
     */
    @Override
    public String farewell(int code) {
        if (code == CloseCodes.POLICY_VIOLATION) {
            return SocketPacket.encode(SocketPacket.Type.DISCONNECT, SocketPacket.MAIN, null, null);
        }
        if (code == CloseCodes.UNAUTHORIZED && client != null && client.joined(SocketPacket.MAIN)) {
            return SocketPacket.encode(SocketPacket.Type.EVENT, SocketPacket.MAIN, null, Json.createArrayBuilder()
                    .add(AUTH_EXPIRED).add(Json.createObjectBuilder().add("message", "token expired; reconnect with a fresh token"))
                    .build().toString());
        }
        return null;
    }

    private void connect(String namespace, JsonObject auth) {
        if (client.joined(namespace)) {
            socket.refuse("CONNECT for a namespace the client has already joined");
        } else if (!namespaces.serves(namespace)) {
            client.refuse(namespace, "Invalid namespace");
        } else {
            namespaces.connect(client, namespace, auth);
        }
    }
}
