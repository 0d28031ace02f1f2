package io.jobpulse.push.socketio;

import io.jobpulse.push.Connection;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Socket.IO client as namespace code sees it: which namespaces it joined, and how to answer
 * it (accept or refuse a CONNECT, emit an event, answer an ack). Frames go out through the
 * connection's outbox, in the order they are queued.
 */
public final class SocketIoClient {

    private final EngineIoSocket socket;
    private final int maxPayloadBytes;
    /** namespace → the sid its CONNECT was answered with. */
    private final Map<String, String> joined = new ConcurrentHashMap<>();

    /** @param maxPayloadBytes the message limit once the client has joined a namespace */
    SocketIoClient(EngineIoSocket socket, int maxPayloadBytes) {
        this.socket = socket;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Connection connection() {
        return socket.connection();
    }

    public boolean joined(String namespace) {
        return joined.containsKey(namespace);
    }

    /** Answers a CONNECT with {@code {"sid":..}}: the client is now in {@code namespace}. */
    public void accept(String namespace) {
        String sid = EngineIoSocket.newId();
        joined.put(namespace, sid);
        socket.pulse().deadlineMet();
        socket.joined(maxPayloadBytes);
        socket.send(SocketPacket.encode(SocketPacket.Type.CONNECT, namespace, null,
                Json.createObjectBuilder().add("sid", sid).build().toString()));
    }

    /** Answers a CONNECT with CONNECT_ERROR {@code {"message":..}}; the client does not retry on its own. */
    public void refuse(String namespace, String message) {
        socket.send(SocketPacket.encode(SocketPacket.Type.CONNECT_ERROR, namespace, null,
                Json.createObjectBuilder().add("message", message).build().toString()));
    }

    void left(String namespace) {
        joined.remove(namespace);
    }

    /** Sends {@code event} with {@code args}; reserved names are refused, the client library would misread them. */
    public void emit(String namespace, String event, JsonArray args) {
        if (SocketPacket.reserved(event)) {
            throw new IllegalArgumentException("reserved Socket.IO event name: " + event);
        }
        JsonArrayBuilder all = Json.createArrayBuilder().add(event);
        args.forEach(all::add);
        socket.send(SocketPacket.encode(SocketPacket.Type.EVENT, namespace, null, all.build().toString()));
    }

    /** Answers the client's ack id with {@code args}. */
    public void ack(String namespace, long ackId, JsonArray args) {
        ack(namespace, ackId, args.toString());
    }

    /** Answers the client's ack id; {@code argsJson} is the already encoded JSON array of arguments. */
    void ack(String namespace, long ackId, String argsJson) {
        socket.send(SocketPacket.encode(SocketPacket.Type.ACK, namespace, ackId, argsJson));
    }
}
