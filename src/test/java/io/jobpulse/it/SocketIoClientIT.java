package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.FrontendSocket;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.RawSocketIo;
import io.jobpulse.it.harness.SocketIoApp;
import io.jobpulse.it.harness.WsClient;
import io.jobpulse.push.CloseCodes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /socket.io/} with a real, independent client: the Java {@code io.socket:socket.io-client}
 * (v4 protocol) with a typical frontend's options, against the product code as deployed. Pings are
 * frequent (every 500 ms) so idle periods of several intervals fit in a test; the pong timeout is
 * longer (2 s) because hand-driven clients only answer while a test reads from them.
 */
class SocketIoClientIT extends ArquillianClient {

    private static final int PING_INTERVAL_MS = 500;
    private static final int PING_TIMEOUT_MS = 2000;

    @Deployment(testable = false)
    static WebArchive app() {
        return SocketIoApp.withTimings(PING_INTERVAL_MS, PING_TIMEOUT_MS, 45000);
    }

    @Test
    void subscriberGetsAnAckThenADemoJobsProgressInOrderAndItsCompletion() {
        String user = uniqueId("sio-demo");
        try (FrontendSocket client = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of("userId", user)))) {
            JsonObject ack = client.nextAck();
            assertTrue(ack.getBoolean("ok"));
            assertTrue(ack.getJsonArray("jobs").isEmpty(), "the user has no jobs yet");

            HttpResponse<String> started = Http.post(server.http("api/demo/jobs"),
                    "{\"userId\":\"" + user + "\",\"steps\":10,\"stepMillis\":50}");
            assertEquals(201, started.statusCode(), started.body());
            String jobId = Http.json(started).asJsonObject().getString("jobId");

            List<FrontendSocket.Event> received = untilTerminal(client);
            long lastVersion = 0;
            int lastProgress = -1;
            for (FrontendSocket.Event e : received) {
                assertEquals(jobId, e.data().getString("jobId"));
                assertEquals(user, e.data().getString("userId"));
                assertEquals("demo", e.data().getString("type"));
                assertTrue(e.data().containsKey("timestamp"));
                assertTrue(e.version() > lastVersion, "versions strictly increase: " + received);
                assertTrue(e.data().getInt("progress") >= lastProgress, "progress never goes down: " + received);
                lastVersion = e.version();
                lastProgress = e.data().getInt("progress");
            }
            FrontendSocket.Event done = received.get(received.size() - 1);
            assertEquals("job:completed", done.name());
            assertEquals("completed", done.data().getString("status"));
            assertEquals(11, done.version(), "started, 9 progress steps, completed");
            assertEquals(10, done.data().getJsonObject("result").getInt("steps"));
            assertTrue(received.stream().limit(received.size() - 1).allMatch(e -> e.name().equals("job:progress")));
            assertNull(client.pollEvent(Duration.ofMillis(300)), "nothing after the terminal event");
        }
    }

    @Test
    void aClientWithAnAuthPayloadIsRegisteredAsASocketIoConnection() {
        String jobId = uniqueId("sio-auth");
        try (FrontendSocket client = FrontendSocket.connect(server, Map.of("token", uniqueId("token"), "device", "test"),
                s -> s.subscribe(Map.of("jobId", jobId)))) {
            client.nextAck();
            JsonObject connection = connectionFollowing(jobId)
                    .orElseThrow(() -> new AssertionError("no connection subscribed to " + jobId));
            assertEquals("SOCKET_IO", connection.getString("format"));
        }
    }

    @Test
    void lateSubscriberGetsTheTerminalEvent() {
        String jobId = uniqueId("sio-late");
        server.fire(null, created(jobId, "ivan"), progress(jobId, 70), completed(jobId));
        try (FrontendSocket client = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of("jobId", jobId)))) {
            JsonArray jobs = client.nextAck().getJsonArray("jobs");
            assertEquals("completed", jobs.getJsonObject(0).getString("status"));
            FrontendSocket.Event snapshot = client.nextEvent();
            assertEquals("job:completed", snapshot.name());
            assertEquals(3, snapshot.version());
            assertEquals(3, snapshot.data().getJsonObject("result").getInt("rows"));
        }
    }

    @Test
    void badSubscriptionsAreAnsweredWithAnErrorAck() {
        try (FrontendSocket client = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of()))) {
            JsonObject ack = client.nextAck();
            assertFalse(ack.getBoolean("ok"));
            assertEquals("invalid_request", ack.getJsonObject("error").getString("code"));
            client.subscribe(Map.of("jobId", "not a job id!"));
            assertEquals("invalid_job_id", client.nextAck().getJsonObject("error").getString("code"));
            assertEquals(0, client.disconnects.size(), "errors keep the connection");
        }
    }

    @Test
    void unknownNamespaceIsRefusedWithConnectError() {
        try (FrontendSocket client = FrontendSocket.connect(server, "/admin", Map.of(), s -> { })) {
            JsonObject error = FrontendSocket.take(client.connectErrors, "connect error");
            assertEquals("Invalid namespace", error.getString("message"));
            assertEquals(0, client.connects.get());
        }
    }

    @Test
    void idleClientStaysConnectedAcrossManyPingIntervals() {
        String jobId = uniqueId("sio-idle");
        try (FrontendSocket client = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of("jobId", jobId)))) {
            client.nextAck();
            FrontendSocket.sleep(Duration.ofMillis(8L * PING_INTERVAL_MS));
            assertEquals(List.of(), List.copyOf(client.disconnects), "no disconnect while idle");
            assertEquals(1, client.connects.get(), "never reconnected");
            server.fire(null, created(jobId, "judy"));
            assertEquals(1, client.nextEvent().version(), "still subscribed and delivering");
        }
    }

    @Test
    void clientThatStopsAnsweringPingsIsDropped() {
        try (RawSocketIo silent = RawSocketIo.connect(server.ws("socket.io/?EIO=4&transport=websocket"))) {
            String open = silent.frame();
            String sid;
            try (JsonReader reader = Json.createReader(new StringReader(open.substring(1)))) {
                sid = reader.readObject().getString("sid");
            }
            silent.send("40");
            assertTrue(silent.frame().startsWith("40{"));
            assertTrue(isConnected(sid));
            // Never answer: the ping goes out after the interval, the close after the timeout.
            assertEquals(CloseCodes.PING_TIMEOUT, silent.awaitCloseSilently(Duration.ofSeconds(10)));
            awaitGone(sid);
        }
    }

    @Test
    void malformedPacketClosesOnlyTheOffendingConnection() {
        String jobId = uniqueId("sio-bad");
        try (FrontendSocket good = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of("jobId", jobId)))) {
            good.nextAck();
            try (RawSocketIo bad = RawSocketIo.joined(server.ws("socket.io/?EIO=4&transport=websocket"))) {
                bad.send("42{\"not\":\"an array\"}");
                assertEquals("41", bad.next(), "a DISCONNECT first, so a Socket.IO client does not retry");
                assertEquals(CloseCodes.POLICY_VIOLATION, bad.awaitClose(Duration.ofSeconds(10)));
            }
            server.fire(null, created(jobId, "kim"), progress(jobId, 25));
            assertEquals(1, good.nextEvent().version());
            assertEquals(2, good.nextEvent().version());
            assertTrue(good.disconnects.isEmpty());
        }
    }

    @Test
    void clientReconnectsAfterTheServerClosedItsSocketResubscribesAndGetsTheCurrentState() {
        String jobId = uniqueId("sio-reco");
        try (FrontendSocket client = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of("jobId", jobId)))) {
            client.nextAck();
            server.fire(null, created(jobId, "leo"), progress(jobId, 10));
            assertEquals(1, client.nextEvent().version());
            assertEquals(2, client.nextEvent().version());

            JsonObject closed = Http.json(Http.post(server.http("api/test/connections/close?jobId=" + jobId), "")).asJsonObject();
            assertEquals(1, closed.getInt("closed"));
            // Any reason but "io server disconnect" makes the client reconnect. This Java client
            // ignores close frames (no okhttp onClosing) and notices by the missing ping instead.
            assertNotEquals("io server disconnect", FrontendSocket.take(client.disconnects, "disconnect"));
            // The job moves on while the client is away.
            server.fire(null, progress(jobId, 60), completed(jobId));

            client.awaitConnects(2);
            JsonObject ack = client.nextAck();
            assertEquals("completed", ack.getJsonArray("jobs").getJsonObject(0).getString("status"));
            FrontendSocket.Event current = client.nextEvent();
            assertEquals("job:completed", current.name());
            assertEquals(4, current.version());
        }
    }

    @Test
    void oneJobEventReachesSocketIoAndPlainSubscribersWithTheSamePayload() {
        String jobId = uniqueId("sio-both");
        try (FrontendSocket sio = FrontendSocket.connect(server, Map.of(), s -> s.subscribe(Map.of("jobId", jobId)));
             WsClient plain = server.plainSocket()) {
            sio.nextAck();
            plain.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            plain.next();

            server.fire(null, created(jobId, "mia"), progress(jobId, 50), completed(jobId));
            // Each outbox may skip a progress state a newer one replaced; compare what both got.
            Map<Long, JsonObject> viaPlain = new HashMap<>();
            JsonObject frame;
            do {
                frame = plain.next();
                viaPlain.put(frame.getJsonObject("data").getJsonNumber("version").longValue(), frame);
            } while (!"job.completed".equals(frame.getString("type")));
            List<FrontendSocket.Event> viaSocketIo = untilTerminal(sio);

            assertEquals(3, viaSocketIo.get(viaSocketIo.size() - 1).version());
            assertTrue(viaPlain.containsKey(3L), "the terminal event is never skipped on either endpoint");
            for (FrontendSocket.Event e : viaSocketIo) {
                JsonObject same = viaPlain.get(e.version());
                if (same == null) {
                    continue; // the plain connection skipped this progress state (latest wins)
                }
                assertEquals(e.name().replace(':', '.'), same.getString("type"));
                assertEquals(same.getJsonObject("data"), e.data(), "same payload, only the envelope differs");
            }
        }
    }

    /** The jobs protocol frame by frame (docs/protocol.md shows these frames), acks with and without ids. */
    @Test
    void jobsProtocolFramesWithAndWithoutAcks() {
        String jobId = uniqueId("sio-raw");
        try (RawSocketIo client = RawSocketIo.joined(server.ws("socket.io/?EIO=4&transport=websocket"))) {
            client.send("421[\"subscribe\",{\"jobId\":\"" + jobId + "\"}]");
            assertEquals("431[{\"ok\":true,\"upToDate\":true,\"jobs\":[]}]", client.next());

            server.fire(null, created(jobId, "nora"));
            String pushed = client.next();
            assertTrue(pushed.startsWith("42[\"job:progress\",{\"jobId\":\"" + jobId + "\",\"status\":\"running\",\"progress\":0,"), pushed);
            assertTrue(pushed.endsWith(",\"version\":1,\"userId\":\"nora\",\"type\":\"test\"}]"), pushed);

            client.send("42[\"unsubscribe\",{\"jobId\":\"" + jobId + "\"}]");
            client.send("422[\"subscribe\",{}]");
            assertEquals("432[{\"ok\":false,\"error\":{\"code\":\"invalid_request\","
                    + "\"message\":\"give exactly one of \\\"jobId\\\" or \\\"userId\\\"\"}}]", client.next());
            client.send("423[\"resubscribe\",{\"jobId\":\"" + jobId + "\"}]");
            assertTrue(client.next().startsWith("433[{\"ok\":false,\"error\":{\"code\":\"unknown_op\""));
            server.fire(null, progress(jobId, 40));
            assertNull(client.poll(Duration.ofMillis(300)), "unsubscribed without an ack, nothing more arrives");

            client.send("42[\"subscribe\",{\"jobId\":\"" + jobId + "\"}]");
            String snapshot = client.next();
            assertTrue(snapshot.startsWith("42[\"job:progress\",") && snapshot.contains("\"version\":2"),
                    "a subscribe without ack still subscribes and gets the snapshot: " + snapshot);
        }
    }

    @Test
    void plainHttpOnTheSocketIoPathIsABadRequest() {
        HttpResponse<String> response = Http.get(server.http("socket.io/?EIO=4&transport=polling"));
        assertEquals(400, response.statusCode());
        assertTrue(Http.json(response).asJsonObject().getString("detail").contains("transports: ['websocket']"));
    }

    private static List<FrontendSocket.Event> untilTerminal(FrontendSocket client) {
        List<FrontendSocket.Event> received = new ArrayList<>();
        FrontendSocket.Event e;
        do {
            e = client.nextEvent();
            received.add(e);
        } while (e.name().equals("job:progress"));
        return received;
    }

    private Optional<JsonObject> connectionFollowing(String jobId) {
        for (JsonValue v : Http.json(Http.get(server.http("api/test/connections"))).asJsonArray()) {
            JsonObject c = v.asJsonObject();
            if (c.getJsonArray("topics").contains(Json.createValue("job:" + jobId))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private boolean isConnected(String id) {
        return Http.json(Http.get(server.http("api/test/connections"))).asJsonArray().stream()
                .anyMatch(v -> id.equals(v.asJsonObject().getString("id")));
    }

    /** The server forgets a closed connection once its close handshake is done. */
    private void awaitGone(String id) {
        for (int i = 0; i < 100 && isConnected(id); i++) {
            FrontendSocket.sleep(Duration.ofMillis(50));
        }
        assertFalse(isConnected(id), "connection " + id + " still registered");
    }
}
