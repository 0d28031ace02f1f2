package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.RawWsClient;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.event;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery guarantees: slow readers converge, resume sends only what is new, long-poll. */
class DeliveryIT extends ArquillianClient {

    /** The per-job push limit is off here so that only the connection outbox absorbs the flood; a
     * short send timeout lets the slow-consumer case end within the test. */
    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("jobpulse-delivery", Map.of(
                "jobpulse.push.max-per-second-per-job", "0",
                "jobpulse.ws.send-timeout-ms", "10000"));
    }

    @Test
    void aReaderThatStallsConvergesToTheLatestStateAndEveryTerminalWithABoundedQueue() throws Exception {
        int jobs = 5;
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            ids.add(uniqueId("stall"));
        }
        // A client on a bare socket that does not read while the flood runs: real TCP backpressure.
        try (RawWsClient ws = new RawWsClient(server.ws("ws/jobs"))) {
            for (String id : ids) {
                server.fire(null, created(id, "nina"));
                ws.sendText("{\"op\":\"subscribe\",\"jobId\":\"" + id + "\"}");
            }
            double coalescedBefore = server.metric("jobpulse_push_coalesced_total", null);
            String filler = "x".repeat(900);
            for (int batch = 0; batch < 8; batch++) {
                JsonObjectBuilder[] events = new JsonObjectBuilder[500];
                for (int i = 0; i < events.length; i++) {
                    String id = ids.get(i % jobs);
                    events[i] = event("progress", id).add("progress", batch * 10).add("message", filler);
                }
                server.fire("threads=4", events);
            }
            for (String id : ids) {
                server.fire(null, completed(id));
            }
            JsonObject mine = myConnection(ids.get(0));
            assertTrue(mine.getInt("highWaterMark") <= jobs + jobs,
                    "the queue holds at most one update per subscribed job, plus the acks of the "
                            + jobs + " subscribe requests: " + mine);

            Map<String, Long> lastVersion = new HashMap<>();
            Map<String, String> lastType = new HashMap<>();
            int terminals = 0;
            int frames = 0;
            while (terminals < jobs) {
                String text = ws.readText(20_000);
                if (text == null) {
                    throw new AssertionError("connection ended after " + frames + " frames: " + ws.closeCode());
                }
                JsonObject frame = Json.createReader(new java.io.StringReader(text)).readObject();
                if (!frame.containsKey("data")) {
                    continue; // an ack
                }
                frames++;
                JsonObject data = frame.getJsonObject("data");
                String id = data.getString("jobId");
                long version = data.getJsonNumber("version").longValue();
                assertTrue(version > lastVersion.getOrDefault(id, 0L), "versions strictly increase per job");
                assertFalse("job.completed".equals(lastType.get(id)), "nothing after a job's terminal event");
                lastVersion.put(id, version);
                lastType.put(id, frame.getString("type"));
                if ("job.completed".equals(frame.getString("type"))) {
                    terminals++;
                }
            }
            for (String id : ids) {
                assertEquals(802, lastVersion.get(id), "the terminal version: 1 created + 800 progress + 1");
            }
            assertTrue(frames < 4000, "fewer frames than changes: the stalled reader got the latest states only");
            assertTrue(server.metric("jobpulse_push_coalesced_total", null) > coalescedBefore,
                    "the stalled reader's queued progress was coalesced");
        }
    }

    @Test
    void aReaderThatNeverResumesIsClosedAsASlowConsumer() throws Exception {
        String jobId = uniqueId("slow");
        server.fire(null, created(jobId, "sam"));
        try (RawWsClient ws = new RawWsClient(server.ws("ws/jobs"))) {
            ws.sendText("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            while (myConnectionOrNull(jobId) == null) {
                Thread.sleep(50);
            }
            String filler = "y".repeat(900);
            long deadline = System.currentTimeMillis() + 40_000;
            int round = 0;
            while (myConnectionOrNull(jobId) != null && System.currentTimeMillis() < deadline) {
                JsonObjectBuilder[] events = new JsonObjectBuilder[200];
                for (int i = 0; i < events.length; i++) {
                    events[i] = event("progress", jobId).add("message", filler + round + "-" + i);
                }
                server.fire(null, events);
                round++;
            }
            assertNull(myConnectionOrNull(jobId), "the stalled connection was closed and forgotten");
            String text;
            while ((text = ws.readText(10_000)) != null) {
                assertFalse(text.isEmpty());
            }
            assertTrue(ws.closeCode() == 4000 || ws.closeCode() == 1006,
                    "closed as a slow consumer (4000), or cut when the close frame could not be written: " + ws.closeCode());
        }
    }

    /**
     * A reader that stalls while its job floods has an update of it waiting in its outbox when it
     * unsubscribes: that update is dropped with the subscription, so after the ack nothing of the job
     * arrives, while a job it still follows goes on.
     */
    @Test
    void nothingOfAJobArrivesAfterItsUnsubscribeAck() throws Exception {
        String jobId = uniqueId("unsub");
        String other = uniqueId("kept");
        server.fire(null, created(jobId, "uma"), created(other, "uma"));
        try (RawWsClient ws = new RawWsClient(server.ws("ws/jobs"))) {
            ws.sendText("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.sendText("{\"op\":\"subscribe\",\"jobId\":\"" + other + "\"}");
            while (myConnectionOrNull(other) == null) {
                Thread.sleep(20);
            }
            String filler = "z".repeat(900);
            long deadline = System.currentTimeMillis() + 5_000;
            while (myConnection(jobId).getInt("depth") == 0) {
                assertTrue(System.currentTimeMillis() < deadline, "an update of the job waits in the outbox");
                JsonObjectBuilder[] events = new JsonObjectBuilder[200];
                for (int i = 0; i < events.length; i++) {
                    events[i] = event("progress", jobId).add("message", filler + i);
                }
                server.fire(null, events);
            }
            ws.sendText("{\"op\":\"unsubscribe\",\"jobId\":\"" + jobId + "\"}");
            while (myConnectionOrNull(jobId) != null) {
                Thread.sleep(20);
            }
            server.fire(null, progress(jobId, 99), progress(other, 50));

            int acks = 0;
            while (true) {
                String text = ws.readText(20_000);
                if (text == null) {
                    throw new AssertionError("connection ended: " + ws.closeCode());
                }
                JsonObject frame = Json.createReader(new java.io.StringReader(text)).readObject();
                if ("ack".equals(frame.getString("type"))) {
                    acks++;
                    continue;
                }
                String about = frame.getJsonObject("data").getString("jobId");
                if (acks == 3) {
                    assertEquals(other, about, "after the unsubscribe ack only the job still followed arrives");
                    if (frame.getJsonObject("data").getInt("version") == 2) {
                        return;
                    }
                }
            }
        }
    }

    @Test
    void resumingAJobSendsOnlyWhatIsNewer() {
        String jobId = uniqueId("resume");
        server.fire(null, created(jobId, "omar"), progress(jobId, 10), progress(jobId, 20), progress(jobId, 30));
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\",\"afterVersion\":4}");
            JsonObject ack = ws.next();
            assertTrue(ack.getBoolean("upToDate"));
            assertTrue(ack.getJsonArray("jobs").isEmpty());
            assertNull(ws.poll(Duration.ofMillis(300)), "nothing to send: the client is up to date");
            server.fire(null, progress(jobId, 40));
            assertEquals(5, ws.next().getJsonObject("data").getInt("version"));
        }
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\",\"afterVersion\":2}");
            JsonObject ack = ws.next();
            assertFalse(ack.getBoolean("upToDate"));
            assertEquals(5, ack.getJsonArray("jobs").getJsonObject(0).getInt("version"));
            assertEquals(5, ws.next().getJsonObject("data").getInt("version"));
        }
    }

    @Test
    void resumingAUserSendsOnlyTheJobsThatMoved() {
        String user = uniqueId("pia");
        String a = uniqueId("a");
        String b = uniqueId("b");
        server.fire(null, created(a, user), progress(a, 50), created(b, user), progress(b, 10), progress(b, 20));
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"userId\":\"" + user + "\",\"versions\":{\"" + a + "\":2,\"" + b + "\":1}}");
            JsonObject ack = ws.next();
            assertFalse(ack.getBoolean("upToDate"));
            JsonArray jobs = ack.getJsonArray("jobs");
            assertEquals(1, jobs.size());
            assertEquals(b, jobs.getJsonObject(0).getString("jobId"));
            JsonObject snapshot = ws.next().getJsonObject("data");
            assertEquals(b, snapshot.getString("jobId"));
            assertEquals(3, snapshot.getInt("version"));
            assertNull(ws.poll(Duration.ofMillis(300)), "job a was already up to date");
        }
    }

    @Test
    void resumeArgumentsAreValidated() {
        try (WsClient ws = server.plainSocket()) {
            for (String bad : List.of("{\"op\":\"subscribe\",\"jobId\":\"j\",\"afterVersion\":-1}",
                    "{\"op\":\"subscribe\",\"jobId\":\"j\",\"afterVersion\":\"3\"}",
                    "{\"op\":\"subscribe\",\"jobId\":\"j\",\"versions\":{}}",
                    "{\"op\":\"subscribe\",\"userId\":\"u\",\"versions\":[1]}",
                    "{\"op\":\"subscribe\",\"userId\":\"u\",\"afterVersion\":1}")) {
                ws.send(bad);
                JsonObject error = ws.next();
                assertEquals("error", error.getString("type"), bad);
                assertEquals("invalid_request", error.getString("code"), bad);
            }
        }
    }

    @Test
    void longPollAnswersAsSoonAsTheJobMoves() throws Exception {
        String jobId = uniqueId("lp");
        server.fire(null, created(jobId, "quinn"));
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(
                () -> Http.get(server.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=20")));
        Thread.sleep(500);
        assertFalse(poll.isDone(), "the request waits while nothing changes");
        server.fire(null, progress(jobId, 70));
        HttpResponse<String> r = poll.get();
        assertEquals(200, r.statusCode());
        assertEquals(2, Http.json(r).asJsonObject().getInt("version"));
        assertEquals("\"2\"", r.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void longPollAnswers304WhenNothingChangesInTime() {
        String jobId = uniqueId("lp");
        server.fire(null, created(jobId, "quinn"));
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=1"));
        assertEquals(304, r.statusCode());
        assertEquals("\"1\"", r.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void longPollOnAnOlderVersionAnswersAtOnce() {
        String jobId = uniqueId("lp");
        server.fire(null, created(jobId, "quinn"), progress(jobId, 5));
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=20"));
        assertEquals(200, r.statusCode());
        assertEquals(2, Http.json(r).asJsonObject().getInt("version"));
    }

    @Test
    void longPollArgumentsAreValidated() {
        String jobId = uniqueId("lp");
        server.fire(null, created(jobId, "quinn"));
        assertEquals(400, Http.get(server.http("api/jobs/" + jobId + "?waitSeconds=5")).statusCode());
        assertEquals(400, Http.get(server.http("api/jobs/" + jobId + "?afterVersion=x&waitSeconds=5")).statusCode());
        assertEquals(400, Http.get(server.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=-5")).statusCode());
        assertEquals(404, Http.get(server.http("api/jobs/" + uniqueId("none") + "?afterVersion=1&waitSeconds=5")).statusCode());
    }

    @Test
    void aKilledClientIsForgotten() throws InterruptedException {
        String jobId = uniqueId("killed");
        WsClient ws = server.plainSocket();
        ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
        ws.next();
        assertTrue(hasSubscriber(jobId));
        ws.abort();
        long deadline = System.currentTimeMillis() + 10_000;
        while (hasSubscriber(jobId) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(hasSubscriber(jobId), "the aborted connection's subscription was removed");
    }

    private boolean hasSubscriber(String jobId) {
        return myConnectionOrNull(jobId) != null;
    }

    private JsonObject myConnection(String jobId) {
        JsonObject c = myConnectionOrNull(jobId);
        if (c == null) {
            throw new AssertionError("no connection subscribed to " + jobId);
        }
        return c;
    }

    private JsonObject myConnectionOrNull(String jobId) {
        JsonArray all = Http.json(Http.get(server.http("api/test/connections"))).asJsonArray();
        for (JsonValue v : all) {
            JsonObject c = v.asJsonObject();
            if (c.getJsonArray("topics").contains(Json.createValue("job:" + jobId))) {
                return c;
            }
        }
        return null;
    }
}
