package io.jobpulse.push.socketio;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The part of an Engine.IO session that needs no socket: the handshake query. */
class EngineIoSocketTest {

    @Test
    void onlyAnEio4WebSocketHandshakeWithoutSidIsAccepted() {
        assertNull(EngineIoSocket.handshakeProblem(Map.of("EIO", List.of("4"), "transport", List.of("websocket"),
                "t", List.of("N8hyd6w"))));
        assertEquals("unsupported protocol: use EIO=4 (socket.io-client v3 or v4)",
                EngineIoSocket.handshakeProblem(Map.of("EIO", List.of("3"), "transport", List.of("websocket"))));
        assertEquals("unsupported transport: use transport=websocket",
                EngineIoSocket.handshakeProblem(Map.of("EIO", List.of("4"), "transport", List.of("polling"))));
        assertEquals("no HTTP long-polling session to upgrade: connect with transports ['websocket']",
                EngineIoSocket.handshakeProblem(Map.of("EIO", List.of("4"), "transport", List.of("websocket"),
                        "sid", List.of("abc"))));
    }
}
