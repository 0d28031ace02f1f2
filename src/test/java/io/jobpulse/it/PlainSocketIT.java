package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.RawWsClient;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.event;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ws/jobs} end to end: CDI events fired in the server reach a real WebSocket client. */
class PlainSocketIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    @Test
    void subscriberReceivesFiredEventsInVersionOrder() {
        String jobId = uniqueId("order");
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\",\"id\":7}");
            JsonObject ack = ws.next();
            assertEquals("ack", ack.getString("type"));
            assertEquals(7, ack.getInt("id"));
            assertTrue(ack.getBoolean("ok"));
            assertTrue(ack.getJsonArray("jobs").isEmpty(), "the job does not exist yet");

            server.fire(null, created(jobId, "alice"), progress(jobId, 10), progress(jobId, 40),
                    progress(jobId, 90), completed(jobId));

            List<JsonObject> received = new ArrayList<>();
            JsonObject frame;
            do {
                frame = ws.next();
                received.add(frame);
            } while (!"job.completed".equals(frame.getString("type")));

            long last = 0;
            for (JsonObject f : received) {
                long version = f.getJsonObject("data").getJsonNumber("version").longValue();
                assertTrue(version > last, "versions strictly increase: " + received);
                last = version;
            }
            JsonObject done = frame.getJsonObject("data");
            assertEquals(5, done.getInt("version"));
            assertEquals("completed", done.getString("status"));
            assertEquals(3, done.getJsonObject("result").getInt("rows"));
            assertEquals("alice", done.getString("userId"));
            assertEquals("test", done.getString("type"));
            assertTrue(done.containsKey("timestamp"));
            assertNull(ws.poll(Duration.ofMillis(300)), "nothing after the terminal event");
        }
    }

    @Test
    void lateSubscriberGetsTheFinishedJobsTerminalEvent() {
        String jobId = uniqueId("late");
        server.fire(null, created(jobId, "bob"), progress(jobId, 50),
                event("failed", jobId).add("error", "Disk full"));
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            JsonObject ack = ws.next();
            assertEquals("failed", ack.getJsonArray("jobs").getJsonObject(0).getString("status"));
            JsonObject snapshot = ws.next();
            assertEquals("job.failed", snapshot.getString("type"));
            assertEquals("Disk full", snapshot.getJsonObject("data").getString("error"));
            assertEquals(3, snapshot.getJsonObject("data").getInt("version"));
        }
    }

    @Test
    void userSubscriptionSeesAllOfThatUsersJobsAndNoneOfAnothers() {
        String carol = uniqueId("carol");
        String mine1 = uniqueId("mine");
        String mine2 = uniqueId("mine");
        String theirs = uniqueId("theirs");
        server.fire(null, created(mine1, carol));
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"userId\":\"" + carol + "\"}");
            JsonObject ack = ws.next();
            assertEquals(1, ack.getJsonArray("jobs").size());
            assertEquals(mine1, ws.next().getJsonObject("data").getString("jobId"), "snapshot of the existing job");

            server.fire(null, created(theirs, uniqueId("dave")), progress(theirs, 50));
            server.fire(null, created(mine2, carol), progress(mine1, 30));

            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                JsonObject data = ws.next().getJsonObject("data");
                assertEquals(carol, data.getString("userId"));
                seen.add(data.getString("jobId") + "@" + data.getInt("version"));
            }
            assertEquals(Set.of(mine2 + "@1", mine1 + "@2"), seen);
            assertNull(ws.poll(Duration.ofMillis(300)), "another user's job never arrives");
        }
    }

    @Test
    void unsubscribedClientGetsNoMoreEvents() {
        String jobId = uniqueId("unsub");
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            server.fire(null, created(jobId, "erin"));
            assertEquals(1, ws.next().getJsonObject("data").getInt("version"));
            ws.send("{\"op\":\"unsubscribe\",\"jobId\":\"" + jobId + "\",\"id\":\"u\"}");
            JsonObject ack = ws.next();
            assertEquals("ack", ack.getString("type"));
            assertEquals("unsubscribe", ack.getString("op"));
            server.fire(null, progress(jobId, 20));
            assertNull(ws.poll(Duration.ofMillis(500)));
        }
    }

    @Test
    void eventsInsideATransactionArePushedOnlyAfterCommit() {
        String jobId = uniqueId("tx");
        server.fire(null, created(jobId, "frank"));
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            ws.next();

            JsonObject rolledBack = server.fire("tx=rollback", progress(jobId, 30));
            assertEquals(1, rolledBack.getInt("versionInsideTx"), "not applied before the transaction ends");
            assertEquals(1, rolledBack.getInt("version"), "never applied after a rollback");
            assertNull(ws.poll(Duration.ofMillis(500)), "nothing pushed for a rolled-back transaction");

            JsonObject committed = server.fire("tx=commit", progress(jobId, 60));
            assertEquals(1, committed.getInt("versionInsideTx"), "not applied before commit");
            assertEquals(2, committed.getInt("version"), "applied after commit");
            JsonObject pushed = ws.next();
            assertEquals(60, pushed.getJsonObject("data").getInt("progress"));
        }
    }

    @Test
    void aFailingObserverOrDeadSubscriberNeverFailsTheProducer() {
        String jobId = uniqueId("boom");
        WsClient dead = server.plainSocket();
        dead.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
        dead.next();
        dead.abort();
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            // ExplodingObserver throws for "boom-*" jobs; the fire call must still succeed.
            JsonObject result = server.fire(null, created(jobId, "gina"), progress(jobId, 10), progress(jobId, 20));
            assertEquals(3, result.getInt("version"));
            assertEquals("job.progress", ws.next().getString("type"));
        }
    }

    @Test
    void aSocketCostsNoHttpSession() throws Exception {
        try (RawWsClient plain = new RawWsClient(server.ws("ws/jobs"));
             RawWsClient socketIo = new RawWsClient(server.ws("socket.io/?EIO=4&transport=websocket"))) {
            for (String head : List.of(plain.handshakeResponse(), socketIo.handshakeResponse())) {
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertFalse(head.toLowerCase().contains("\r\nset-cookie:"), "no session cookie: " + head);
            }
        }
    }

    @Test
    void concurrentProducersOnOneJobNeverShareAVersion() {
        String jobId = uniqueId("race");
        server.fire(null, created(jobId, "hank"));
        var events = new jakarta.json.JsonObjectBuilder[200];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("progress", jobId).add("message", "m" + i);
        }
        JsonObject result = server.fire("threads=8", events);
        assertEquals(201, result.getInt("version"), "every event applied once, no lost update");
        assertFalse(result.isEmpty());
    }
}
