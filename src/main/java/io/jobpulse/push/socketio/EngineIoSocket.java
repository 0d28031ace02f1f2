package io.jobpulse.push.socketio;

import io.jobpulse.push.CloseCause;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.WireFormat;
import io.jobpulse.push.session.Heartbeat;
import io.jobpulse.push.session.SocketSession;
import io.jobpulse.push.session.SocketSettings;
import io.jobpulse.push.session.TextAssembler;
import jakarta.websocket.Session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One Engine.IO 4 session over a WebSocket: checks the handshake query, sends the open packet,
 * keeps the heartbeat, closes on a close packet or anything undecodable, and hands the data of
 * MESSAGE packets to what runs on top (Socket.IO). Every write goes through the hub
 * {@link Connection}'s outbox, the connection's single writer.
 */
public final class EngineIoSocket {

    private static final Logger LOG = Logger.getLogger(EngineIoSocket.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What runs on top of Engine.IO. */
    public interface Handler {
        /** The data of one MESSAGE packet; called on the socket's reader thread, one at a time. */
        void message(String data);

        /**
         * A last message before closing with {@code code}, or null: e.g. for a policy violation (one
         * the client must not retry), or an expired token (one it should retry with a new token).
         */
        default String farewell(int code) {
            return null;
        }

        /**
         * Counts one client packet of any kind against the rate limit, before it is decoded, so
         * that pongs, noops and garbage cost as much as a subscribe; false when over the limit.
         */
        default boolean admit() {
            return true;
        }

        /** The client joined a namespace: it has authenticated, if it had to. */
        default void joined() {
        }

        /** The data of a MESSAGE packet that came over the rate limit: answer it as refused, or drop it. */
        default void messageOverLimit(String data) {
        }
    }

    private final Handler handler;
    private final SocketSession session;
    private final Connection connection;
    private int maxPayloadBytes;
    /** The text message being received, when the container delivers it in parts. */
    private final TextAssembler assembler;

    private EngineIoSocket(Handler handler, SocketSession session, int maxPayloadBytes) {
        this.handler = handler;
        this.session = session;
        this.connection = session.connection();
        this.maxPayloadBytes = maxPayloadBytes;
        this.assembler = new TextAssembler(maxPayloadBytes);
    }

    /**
     * Opens the Engine.IO session on a new WebSocket, or closes the socket and returns null when the
     * handshake query is not {@code EIO=4&transport=websocket} without a {@code sid}. {@code heartbeat}
     * pings it with the interval and timeout that {@code settings} announce.
     */
    public static EngineIoSocket open(Session session, SocketSettings settings, Heartbeat heartbeat, Hub hub,
                                      Handler handler) {
        String problem = handshakeProblem(session.getRequestParameterMap());
        if (problem != null) {
            SocketSession.refuse(session, CloseCause.BAD_HANDSHAKE, problem);
            return null;
        }
        String sid = newId();
        EngineIoSocket socket = new EngineIoSocket(handler,
                SocketSession.open(hub, session, sid, WireFormat.SOCKET_IO, settings.replyLimit()),
                settings.socketIo().maxPayloadBytes());
        // E.g. a client that must not reconnect gets the handler's Socket.IO DISCONNECT first.
        socket.connection.farewells(code -> {
            String farewell = handler.farewell(code);
            return farewell == null ? null : EnginePacket.encode(EnginePacket.Type.MESSAGE, farewell);
        });
        socket.connection.reply(openPacket(sid, settings.socketIo()));
        String ping = EnginePacket.encode(EnginePacket.Type.PING, "");
        socket.session.watch(heartbeat, connection -> connection.reply(ping));
        return socket;
    }

    /** The Engine.IO handshake; {@code upgrades} is empty because WebSocket is the only transport. */
    static String openPacket(String sid, SocketSettings.SocketIo settings) {
        return EnginePacket.encode(EnginePacket.Type.OPEN, "{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":"
                + settings.pingInterval().toMillis() + ",\"pingTimeout\":" + settings.pingTimeout().toMillis()
                + ",\"maxPayload\":" + settings.maxPayloadBytes() + "}");
    }

    /** A fresh unguessable id (120 random bits, URL-safe), for Engine.IO sessions and namespace sockets. */
    static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String handshakeProblem(Map<String, List<String>> query) {
        if (!List.of("4").equals(query.get("EIO"))) {
            return "unsupported protocol: use EIO=4 (socket.io-client v3 or v4)";
        }
        if (!List.of("websocket").equals(query.get("transport"))) {
            return "unsupported transport: use transport=websocket";
        }
        if (query.containsKey("sid")) {
            return "no HTTP long-polling session to upgrade: connect with transports ['websocket']";
        }
        return null;
    }

    public Connection connection() {
        return connection;
    }

    public Heartbeat.Pulse pulse() {
        return session.pulse();
    }

    /** Queues one MESSAGE packet. */
    public void send(String data) {
        connection.reply(EnginePacket.encode(EnginePacket.Type.MESSAGE, data));
    }

    /** The client joined a namespace; from now on messages up to {@code maxBytes} (the announced maxPayload) are read. */
    public void joined(int maxBytes) {
        limitMessages(maxBytes);
        handler.joined();
    }

    /** Limits the size of the next client messages, which may be smaller than the announced maxPayload. */
    public void limitMessages(int maxBytes) {
        maxPayloadBytes = maxBytes;
        assembler.limit(maxBytes);
    }

    /** Takes one part of a text message; a message longer than the limit closes the socket with 1009. */
    public void text(String part, boolean last) {
        if (connection.isClosed()) {
            return;
        }
        String frame = assembler.add(part, last);
        if (assembler.exceeded()) {
            connection.close(CloseCause.MESSAGE_TOO_BIG, "message longer than " + maxPayloadBytes + " bytes");
        } else if (frame != null) {
            text(frame);
        }
    }

    /** Handles one complete text message from the client. */
    void text(String frame) {
        boolean admitted = handler.admit();
        EnginePacket packet;
        try {
            packet = EnginePacket.decode(frame);
        } catch (MalformedPacket e) {
            refuse(e.getMessage());
            return;
        }
        if (!admitted) {
            if (packet.type() == EnginePacket.Type.MESSAGE) {
                handler.messageOverLimit(packet.data());
            }
            return; // anything else over the limit is dropped unread: a flooder's pongs too
        }
        switch (packet.type()) {
            case PONG -> session.pulse().pong();
            case MESSAGE -> handler.message(packet.data());
            case CLOSE -> connection.close(CloseCause.CLIENT_CLOSED, "closed by the client");
            case PING -> refuse("the server sends the pings in Engine.IO 4; clients only answer them");
            case OPEN -> refuse("clients do not send open packets");
            case UPGRADE, NOOP -> {
                // Nothing to do: there is no other transport to upgrade from.
            }
        }
    }

    /** Binary frames carry Engine.IO binary messages, which jobpulse does not support. */
    public void binary() {
        refuse("binary data is not supported: send text packets");
    }

    /** Closes the connection for a client error that retrying the same way would repeat. */
    public void refuse(String reason) {
        LOG.fine(() -> "Closing Socket.IO connection " + connection.id() + ": " + reason);
        connection.close(CloseCause.PROTOCOL_VIOLATION, reason);
    }

    /** The WebSocket is gone: stop pinging, forget the connection and its subscriptions. */
    public void closed() {
        session.closed();
    }
}
