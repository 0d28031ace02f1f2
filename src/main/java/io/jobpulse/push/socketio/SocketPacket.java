package io.jobpulse.push.socketio;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A Socket.IO 5 packet, the data of an Engine.IO message:
 * {@code <type>[<namespace>,][<ack id>][<JSON>]}, e.g. {@code 0{"token":".."}}, {@code 2["subscribe",{..}]},
 * {@code 212["subscribe",{..}]} (ack id 12), {@code 312[{..}]}, {@code 4/admin,{"message":".."}}.
 * The namespace is {@code "/"} when left out. Decoding is strict: anything the reference parser
 * would reject, and binary attachments, are {@link MalformedPacket}s.
 */
record SocketPacket(Type type, String namespace, Long ackId, JsonValue data) {

    static final String MAIN = "/";

    enum Type {
        CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

        char code() {
            return (char) ('0' + ordinal());
        }
    }

    /** Event names the client library keeps for itself; a server emitting one would confuse it. */
    static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    /** Longer ack ids would not survive the client's JavaScript number anyway. */
    private static final int MAX_ACK_DIGITS = 15;

    static boolean reserved(String event) {
        return RESERVED_EVENTS.contains(event);
    }

    static SocketPacket decode(String text) throws MalformedPacket {
        if (text.isEmpty()) {
            throw new MalformedPacket("empty Socket.IO packet");
        }
        char code = text.charAt(0);
        if (code < '0' || code > '6') {
            throw new MalformedPacket("unknown Socket.IO packet type");
        }
        Type type = Type.values()[code - '0'];
        if (type == Type.BINARY_EVENT || type == Type.BINARY_ACK) {
            throw new MalformedPacket("binary attachments are not supported");
        }
        int i = 1;
        String namespace = MAIN;
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : end + 1;
        }
        int digits = i;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        Long ackId = null;
        if (digits > i) {
            if (digits - i > MAX_ACK_DIGITS) {
                throw new MalformedPacket("ack id too long");
            }
            ackId = Long.parseLong(text.substring(i, digits));
            i = digits;
        }
        JsonValue data = i < text.length() ? json(text.substring(i)) : null;
        SocketPacket packet = new SocketPacket(type, namespace, ackId, data);
        packet.validate();
        return packet;
    }

    /** The event name of an EVENT packet. */
    String event() {
        return ((JsonString) data.asJsonArray().get(0)).getString();
    }

    /** The arguments of an EVENT after its name, or all arguments of an ACK. */
    JsonArray arguments() {
        JsonArray all = data.asJsonArray();
        if (type != Type.EVENT) {
            return all;
        }
        return Json.createArrayBuilder(all.subList(1, all.size())).build();
    }

    /** The packet as text; {@code json} is the payload already encoded, or null for none. */
    static String encode(Type type, String namespace, Long ackId, String json) {
        StringBuilder b = new StringBuilder().append(type.code());
        if (!MAIN.equals(namespace)) {
            b.append(namespace).append(',');
        }
        if (ackId != null) {
            b.append(ackId);
        }
        if (json != null) {
            b.append(json);
        }
        return b.toString();
    }

    private void validate() throws MalformedPacket {
        boolean valid = switch (type) {
            case CONNECT -> ackId == null && (data == null || data.getValueType() == JsonValue.ValueType.OBJECT);
            case DISCONNECT -> ackId == null && data == null;
            case EVENT -> data instanceof JsonArray array && !array.isEmpty()
                    && array.get(0) instanceof JsonString name && !reserved(name.getString());
            case ACK -> ackId != null && data instanceof JsonArray;
            case CONNECT_ERROR -> ackId == null && data != null
                    && (data.getValueType() == JsonValue.ValueType.OBJECT || data.getValueType() == JsonValue.ValueType.STRING);
            case BINARY_EVENT, BINARY_ACK -> false;
        };
        if (!valid) {
            throw new MalformedPacket("invalid payload for a " + type + " packet");
        }
    }

    /** Exactly one JSON value; a reader would silently ignore what follows it. */
    private static JsonValue json(String text) throws MalformedPacket {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new MalformedPacket("payload is not one JSON value");
            }
            return value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new MalformedPacket("payload is not JSON");
        }
    }
}
