package io.jobpulse.push.socketio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The parts of an Engine.IO session that need no socket: the size count and the handshake query. */
class EngineIoSocketTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "42[\"subscribe\"]", "é", "€uro", "emoji \uD83D\uDE00!", "日本語のテキスト"})
    void maxPayloadCountsUtf8Bytes(String text) {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, EngineIoSocket.utf8Length(text));
    }

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
