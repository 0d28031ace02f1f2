package io.jobpulse.push.socketio;

import io.jobpulse.push.EventName;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Socket.IO 5 packets: type, optional namespace, optional ack id, optional JSON payload. */
class SocketPacketTest {

    @Test
    void connectToTheMainNamespaceWithoutAuth() throws MalformedPacket {
        SocketPacket p = SocketPacket.decode("0");
        assertEquals(SocketPacket.Type.CONNECT, p.type());
        assertEquals("/", p.namespace());
        assertNull(p.ackId());
        assertNull(p.data());
    }

    @Test
    void connectCarriesTheAuthPayload() throws MalformedPacket {
        SocketPacket p = SocketPacket.decode("0{\"token\":\"123\"}");
        assertEquals("/", p.namespace());
        assertEquals("123", p.data().asJsonObject().getString("token"));
    }

    @Test
    void connectToACustomNamespaceWithAndWithoutPayload() throws MalformedPacket {
        assertEquals("/custom", SocketPacket.decode("0/custom,").namespace());
        assertEquals("/random", SocketPacket.decode("0/random").namespace());
        SocketPacket p = SocketPacket.decode("0/custom,{\"token\":\"abc\"}");
        assertEquals("/custom", p.namespace());
        assertEquals("abc", p.data().asJsonObject().getString("token"));
    }

    @Test
    void disconnectFromMainAndCustomNamespaces() throws MalformedPacket {
        assertEquals(new SocketPacket(SocketPacket.Type.DISCONNECT, "/", null, null), SocketPacket.decode("1"));
        assertEquals(new SocketPacket(SocketPacket.Type.DISCONNECT, "/custom", null, null), SocketPacket.decode("1/custom,"));
    }

    @Test
    void eventWithoutAck() throws MalformedPacket {
        SocketPacket p = SocketPacket.decode("2[\"subscribe\",{\"jobId\":\"j1\"}]");
        assertEquals(SocketPacket.Type.EVENT, p.type());
        assertNull(p.ackId());
        assertEquals("subscribe", p.event());
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("jobId", "j1")).build(), p.arguments());
    }

    @Test
    void eventWithAckIdInMainAndCustomNamespace() throws MalformedPacket {
        SocketPacket p = SocketPacket.decode("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertEquals(456L, p.ackId());
        assertEquals("message-with-ack", p.event());
        assertEquals("[1,\"2\",{\"3\":[false]}]", p.arguments().toString());

        SocketPacket custom = SocketPacket.decode("2/admin,7[\"x\"]");
        assertEquals("/admin", custom.namespace());
        assertEquals(7L, custom.ackId());
        assertTrue(custom.arguments().isEmpty());
    }

    @Test
    void ackFromTheClient() throws MalformedPacket {
        SocketPacket p = SocketPacket.decode("312[\"done\"]");
        assertEquals(SocketPacket.Type.ACK, p.type());
        assertEquals(12L, p.ackId());
        assertEquals("[\"done\"]", p.arguments().toString());
    }

    @Test
    void connectErrorDecodesSoTheEndpointCanRefuseIt() throws MalformedPacket {
        assertEquals(SocketPacket.Type.CONNECT_ERROR, SocketPacket.decode("4{\"message\":\"no\"}").type());
        assertEquals(SocketPacket.Type.CONNECT_ERROR, SocketPacket.decode("4\"no\"").type());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                          // nothing
            "abc", "7", "9[\"a\"]",      // unknown packet type
            "2{}",                       // event payload must be an array
            "2abc[\"message\"]",         // invalid ack id: not JSON either
            "2",                         // event without payload
            "2[]",                       // event without a name
            "2[1,2]",                    // event name must be a string
            "2[\"connect\"]",            // reserved event name
            "2[\"disconnect\",{}]",
            "2[\"a\"",                   // truncated JSON
            "2[\"a\"]x",                 // trailing garbage
            "3[]",                       // ack without id
            "312{}",                     // ack payload must be an array
            "0[1]", "0\"token\"",        // CONNECT payload must be an object
            "012",                       // CONNECT carries no ack id
            "1{}",                       // DISCONNECT carries no payload
            "4", "4[1]",                 // CONNECT_ERROR needs an object or a string
            "21234567890123456[\"a\"]",  // ack id longer than a JavaScript number keeps exactly
    })
    void malformedPacketsAreRefused(String packet) {
        assertThrows(MalformedPacket.class, () -> SocketPacket.decode(packet));
    }

    @Test
    void binaryAttachmentsAreRefusedClearly() {
        for (String packet : new String[]{"51-[\"a\",{\"_placeholder\":true,\"num\":0}]", "61-12[{\"_placeholder\":true,\"num\":0}]"}) {
            MalformedPacket e = assertThrows(MalformedPacket.class, () -> SocketPacket.decode(packet));
            assertEquals("binary attachments are not supported", e.getMessage());
        }
    }

    @Test
    void encodingMatchesTheReferenceFormat() {
        assertEquals("0{\"sid\":\"s\"}", SocketPacket.encode(SocketPacket.Type.CONNECT, "/", null, "{\"sid\":\"s\"}"));
        assertEquals("0/custom,{\"sid\":\"s\"}", SocketPacket.encode(SocketPacket.Type.CONNECT, "/custom", null, "{\"sid\":\"s\"}"));
        assertEquals("1", SocketPacket.encode(SocketPacket.Type.DISCONNECT, "/", null, null));
        assertEquals("2[\"a\",1]", SocketPacket.encode(SocketPacket.Type.EVENT, "/", null, "[\"a\",1]"));
        assertEquals("3456[1]", SocketPacket.encode(SocketPacket.Type.ACK, "/", 456L, "[1]"));
        assertEquals("3/admin,7[]", SocketPacket.encode(SocketPacket.Type.ACK, "/admin", 7L, "[]"));
        assertEquals("4/random,{\"message\":\"Invalid namespace\"}",
                SocketPacket.encode(SocketPacket.Type.CONNECT_ERROR, "/random", null, "{\"message\":\"Invalid namespace\"}"));
    }

    @Test
    void encodedPacketsDecodeToWhatWasEncoded() throws MalformedPacket {
        String text = SocketPacket.encode(SocketPacket.Type.EVENT, "/admin", 99L, "[\"x\",{\"a\":null}]");
        SocketPacket p = SocketPacket.decode(text);
        assertEquals("/admin", p.namespace());
        assertEquals(99L, p.ackId());
        assertEquals(JsonValue.NULL, p.arguments().getJsonObject(0).get("a"));
    }

    @Test
    void theJobEventsAreNeverReservedNames() {
        for (EventName name : EventName.values()) {
            assertFalse(SocketPacket.reserved(name.socketIo()), name.socketIo());
        }
        assertTrue(SocketPacket.reserved("connect_error"));
    }
}
