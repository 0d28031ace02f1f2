package io.jobpulse.push.socketio;

/**
 * An Engine.IO 4 packet in a WebSocket text frame: one type digit, then the data
 * ({@code 0{..}} open, {@code 1} close, {@code 2} ping, {@code 3} pong, {@code 4..} message,
 * {@code 5} upgrade, {@code 6} noop). Binary data ({@code b} + base64, or binary frames) is not
 * supported.
 */
record EnginePacket(Type type, String data) {

    enum Type {
        OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

        char code() {
            return (char) ('0' + ordinal());
        }
    }

    static EnginePacket decode(String frame) throws MalformedPacket {
        if (frame.isEmpty()) {
            throw new MalformedPacket("empty Engine.IO packet");
        }
        char code = frame.charAt(0);
        if (code == 'b') {
            throw new MalformedPacket("binary Engine.IO messages are not supported");
        }
        if (code < '0' || code > '6') {
            throw new MalformedPacket("unknown Engine.IO packet type");
        }
        return new EnginePacket(Type.values()[code - '0'], frame.substring(1));
    }

    static String encode(Type type, String data) {
        return type.code() + data;
    }
}
