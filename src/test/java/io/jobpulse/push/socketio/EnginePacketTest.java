package io.jobpulse.push.socketio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Engine.IO 4 text packets: one type digit, then the data. */
class EnginePacketTest {

    @Test
    void everyPacketTypeDecodesFromItsDigit() throws MalformedPacket {
        assertEquals(new EnginePacket(EnginePacket.Type.OPEN, "{}"), EnginePacket.decode("0{}"));
        assertEquals(new EnginePacket(EnginePacket.Type.CLOSE, ""), EnginePacket.decode("1"));
        assertEquals(new EnginePacket(EnginePacket.Type.PING, ""), EnginePacket.decode("2"));
        assertEquals(new EnginePacket(EnginePacket.Type.PONG, ""), EnginePacket.decode("3"));
        assertEquals(new EnginePacket(EnginePacket.Type.MESSAGE, "2[\"a\"]"), EnginePacket.decode("42[\"a\"]"));
        assertEquals(new EnginePacket(EnginePacket.Type.UPGRADE, ""), EnginePacket.decode("5"));
        assertEquals(new EnginePacket(EnginePacket.Type.NOOP, ""), EnginePacket.decode("6"));
    }

    @Test
    void probePingsKeepTheirData() throws MalformedPacket {
        assertEquals(new EnginePacket(EnginePacket.Type.PING, "probe"), EnginePacket.decode("2probe"));
    }

    @Test
    void encodingPutsTheDigitFirst() {
        assertEquals("2", EnginePacket.encode(EnginePacket.Type.PING, ""));
        assertEquals("4hello", EnginePacket.encode(EnginePacket.Type.MESSAGE, "hello"));
        assertEquals("0{\"sid\":\"x\"}", EnginePacket.encode(EnginePacket.Type.OPEN, "{\"sid\":\"x\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "7", "9x", " 4hello", "x"})
    void anythingElseIsMalformed(String frame) {
        assertThrows(MalformedPacket.class, () -> EnginePacket.decode(frame));
    }

    @Test
    void base64BinaryMessagesAreRefusedClearly() {
        MalformedPacket e = assertThrows(MalformedPacket.class, () -> EnginePacket.decode("bAQIDBA=="));
        assertEquals("binary Engine.IO messages are not supported", e.getMessage());
    }
}
