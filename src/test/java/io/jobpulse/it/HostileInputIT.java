package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.RawSocketIo;
import io.jobpulse.it.harness.RawWsClient;
import io.jobpulse.it.harness.SecureApp;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A battery of hostile input against the open demo server (where the most is reachable without a
 * token): huge, deeply nested, invalid UTF-8, wrongly typed, flooding. Each is refused with a clear
 * error or closes only the offending connection, and after each a bystander is still served.
 */
class HostileInputIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("jobpulse-hostile", Map.of("jobpulse.socketio.max-unauthenticated-per-address", "10"));
    }

    /** Whatever a test did, a new client still subscribes and receives a job event. */
    @AfterEach
    void aBystanderIsStillServed() {
        String jobId = uniqueId("bystander");
        try (WsClient ws = server.subscribedSocket(jobId)) {
            server.fire(null, created(jobId, "bystander"));
            assertEquals(jobId, ws.next().getJsonObject("data").getString("jobId"));
        }
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void deeplyNestedJsonIsRefusedBeforeItIsParsedOnEveryEntryPoint() {
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"a\",\"extra\":" + nested(10_000) + "}");
            JsonObject error = ws.next();
            assertEquals("too_deep", error.getString("code"), error.toString());
            ws.send("[".repeat(60_000)); // unbalanced, just under the frame limit
            assertEquals("too_deep", ws.next().getString("code"));
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"still-usable\"}");
            assertEquals("ack", ws.next().getString("type"));
        }
        try (RawSocketIo socketIo = RawSocketIo.joined(server.ws(SecureApp.socketIo()))) {
            socketIo.send("421[\"subscribe\"," + nested(10_000) + "]");
            assertEquals("41", socketIo.next(), "Socket.IO DISCONNECT: do not retry this");
            assertEquals(1008, socketIo.awaitClose(Duration.ofSeconds(10)));
        }
        HttpResponse<String> ingest = Http.post(server.http("api/jobs/events"), "[" + nested(10_000) + "]");
        assertEquals(400, ingest.statusCode());
        assertEquals("urn:jobpulse:problem:too-deep", Http.json(ingest).asJsonObject().getString("type"));
    }

    /**
     * Resubscribing to one's own user with 1,000 made-up versions each time (the most a request may
     * carry) costs the connection nothing: only versions of jobs it is handed are remembered.
     */
    @Test
    void resubscribingWithMadeUpVersionsKeepsTheConnectionsStateBounded() {
        String userId = uniqueId("hoarder");
        String jobId = uniqueId("hoarded");
        server.fire(null, created(jobId, userId));
        double before = server.metric("jobpulse_push_remembered", null);
        try (WsClient ws = server.plainSocket()) {
            for (int round = 0; round < 50; round++) {
                StringBuilder versions = new StringBuilder("{\"" + jobId + "\":1");
                for (int i = 1; i < 1000; i++) {
                    versions.append(",\"made-up-").append(round).append('-').append(i).append("\":7");
                }
                ws.send("{\"op\":\"subscribe\",\"userId\":\"" + userId + "\",\"versions\":" + versions + "}}");
                JsonObject ack = ws.next();
                assertEquals("ack", ack.getString("type"), ack.toString());
            }
            double remembered = server.metric("jobpulse_push_remembered", null) - before;
            assertEquals(1, remembered, "the one real job the client said it has, not 50,000 made-up ids");
        }
    }

    @Test
    void invalidUtf8ClosesOnlyThatConnection() throws IOException {
        byte[] invalid = {'{', '"', 'o', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        try (RawWsClient plain = new RawWsClient(server.ws("ws/jobs"));
             RawWsClient socketIo = new RawWsClient(server.ws(SecureApp.socketIo()))) {
            assertTrue(socketIo.readText(10_000).startsWith("0{"), "the Engine.IO open packet");
            plain.sendTextBytes(invalid);
            socketIo.sendTextBytes(invalid);
            for (RawWsClient client : List.of(plain, socketIo)) {
                while (client.readText(10_000) != null) {
                    // skip anything sent before the close
                }
                assertEquals(1007, client.closeCode(), "the container closes it: invalid frame payload data");
            }
        }
    }

    @Test
    void wronglyTypedRequestsGetAClearErrorAndTheConnectionGoesOn() {
        try (WsClient ws = server.plainSocket()) {
            Map<String, String> expected = Map.of(
                    "{\"op\":5}", "invalid_request",
                    "{\"op\":\"subscribe\",\"jobId\":[\"a\"]}", "invalid_job_id",
                    "{\"op\":\"subscribe\",\"userId\":{\"$ne\":null}}", "invalid_user_id",
                    "{\"op\":\"subscribe\",\"jobId\":\"a\",\"afterVersion\":\"1\"}", "invalid_request",
                    "{\"op\":\"subscribe\",\"jobId\":\"a\",\"afterVersion\":-1}", "invalid_request",
                    "{\"op\":\"subscribe\",\"userId\":\"u\",\"versions\":[1,2]}", "invalid_request",
                    "\"subscribe\"", "bad_json",
                    "null", "bad_json",
                    "{\"op\":\"subscribe\",\"jobId\":\"a\"}{\"op\":\"subscribe\"}", "bad_json");
            expected.forEach((frame, code) -> {
                ws.send(frame);
                JsonObject reply = ws.next();
                assertEquals(code, reply.getString("code", "no error: " + reply), frame);
            });
        }
        try (RawSocketIo socketIo = RawSocketIo.joined(server.ws(SecureApp.socketIo()))) {
            socketIo.send("421[\"subscribe\",5]");
            assertTrue(socketIo.next().contains("\"code\":\"invalid_request\""));
            socketIo.send("422[\"subscribe\",{\"jobId\":{\"$gt\":\"\"}}]");
            assertTrue(socketIo.next().contains("\"code\":\"invalid_job_id\""));
            socketIo.send("423[\"subscribe\",{\"jobId\":\"fine\"}]");
            assertTrue(socketIo.next().startsWith("433[{\"ok\":true"));
        }
    }

    @Test
    void oversizedInputIsRefusedWithoutBufferingIt() {
        try (WsClient plain = server.plainSocket()) {
            plain.send("{\"op\":\"subscribe\",\"jobId\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, plain.awaitClose(Duration.ofSeconds(10)));
        }
        HttpResponse<String> body = Http.post(server.http("api/demo/jobs"), "{\"userId\":\"" + "x".repeat(1_100_000) + "\"}");
        assertEquals(413, body.statusCode());
        assertEquals("urn:jobpulse:problem:body-too-large", Http.json(body).asJsonObject().getString("type"));
    }

    /**
     * Until its CONNECT is accepted a client has proved nothing, so it may not make the server hold
     * more than max-connect-bytes (16 KiB): a CONNECT still being sent at 200 KB of its 1 MB is cut
     * with 1009. Once joined, the announced maxPayload (1 MB) applies again.
     */
    @Test
    void aHalfSentMegabyteBeforeConnectIsNotHeld() {
        URI socketIo = server.ws("socket.io/?EIO=4&transport=websocket");
        try (RawSocketIo stranger = RawSocketIo.open(socketIo)) {
            assertTrue(stranger.sendPart("40{\"token\":\"", false));
            for (int i = 0; i < 20 && !stranger.isClosed(); i++) {
                stranger.sendPart("x".repeat(10_000), false); // never the last part
            }
            assertEquals(1009, stranger.awaitCloseSilently(Duration.ofSeconds(10)));
        }
        try (RawSocketIo member = RawSocketIo.joined(socketIo)) {
            member.send("421[\"subscribe\",{\"jobId\":\"" + "x".repeat(100_000) + "\"}]");
            String ack = member.next();
            assertTrue(ack.startsWith("431[{\"ok\":false") && ack.contains("invalid_job_id"), ack);
        }
    }

    /**
     * One address may hold only max-unauthenticated-per-address (here 10) sockets that have not completed
     * their CONNECT; the next is closed with 1013 before the open packet, and a CONNECT makes room.
     */
    @Test
    void anAddressMayHoldOnlySoManySocketIoSocketsThatHaveNotConnected() throws InterruptedException {
        URI socketIo = server.ws("socket.io/?EIO=4&transport=websocket");
        List<RawSocketIo> strangers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                strangers.add(RawSocketIo.open(socketIo));
            }
            try (RawSocketIo oneTooMany = RawSocketIo.connect(socketIo)) {
                assertEquals(1013, oneTooMany.awaitCloseSilently(Duration.ofSeconds(10)));
            }
            strangers.get(0).send("40");
            assertTrue(strangers.get(0).next().startsWith("40{\"sid\":"));
            try (RawSocketIo next = RawSocketIo.joined(socketIo)) {
                assertFalse(next.isClosed(), "room again once one has connected");
            }
        } finally {
            strangers.forEach(RawSocketIo::close);
        }
    }

    /** Pongs, noops and acks cost as much as a subscribe: a flood of them leaves no room for one. */
    @Test
    void everySocketIoPacketKindCountsAgainstTheRateLimit() {
        try (RawSocketIo flooder = RawSocketIo.joined(server.ws("socket.io/?EIO=4&transport=websocket"))) {
            for (int i = 0; i < 400; i++) {
                flooder.send(i % 3 == 0 ? RawSocketIo.PONG : i % 3 == 1 ? "6" : "431[]");
            }
            flooder.send("422[\"subscribe\",{\"jobId\":\"" + uniqueId("flood") + "\"}]");
            String ack = flooder.next();
            assertTrue(ack.startsWith("432[{\"ok\":false") && ack.contains("rate_limited"), ack);
        }
    }

    @Test
    void floodsFromManyConnectionsAtOnceLeaveTheServerServing() {
        List<WsClient> flooders = new ArrayList<>();
        try {
            for (int c = 0; c < 20; c++) {
                WsClient ws = server.plainSocket();
                flooders.add(ws);
                for (int i = 0; i < 300; i++) {
                    ws.send(i % 3 == 0 ? "{\"op\":\"subscribe\",\"jobId\":\"f" + i + "\"}" : i % 3 == 1 ? "{oops" : "[1,[2,[3]]]");
                }
            }
            // Every frame counts against the rate limit, garbage included: past the burst a flooder gets
            // rate_limited, and if it also stops reading, it is closed for unread replies (1008).
            WsClient sample = flooders.get(0);
            boolean limited = false;
            String frame;
            while (!limited && (frame = sample.poll(Duration.ofSeconds(5))) != null) {
                limited = frame.contains("\"code\":\"rate_limited\"");
            }
            assertTrue(limited || sample.isClosed() && sample.awaitClose(Duration.ofMillis(1)) == 1008,
                    "a flooder is rate-limited (or cut for unread replies)");
        } finally {
            flooders.forEach(WsClient::close);
        }
    }
}
