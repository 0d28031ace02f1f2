package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.FrontendSocket;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.RawSocketIo;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every job ends: a silent job ends {@code failed} as stalled, a cancellation requested over HTTP, the
 * plain socket or Socket.IO reaches the producer (ingest, demo, Jakarta Batch) and ends {@code cancelled},
 * confirmed or after the grace period. Short deadlines and a one-second sweep keep it quick.
 */
class JobEndingsIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("jobpulse-endings", Map.of("jobpulse.jobs.sweep-seconds", "1",
                "jobpulse.jobs.cancel-grace-seconds", "2"));
    }

    private JsonArray ingest(String json) {
        HttpResponse<String> r = Http.post(server.http("api/jobs/events"), json.replace('\'', '"'));
        assertTrue(r.statusCode() == 202 || r.statusCode() == 400, r.statusCode() + " " + r.body());
        return Http.json(r).asJsonObject().getJsonArray("results");
    }

    private HttpResponse<String> cancel(String jobId) {
        return Http.post(server.http("api/jobs/" + jobId + "/cancel"), "");
    }

    private JsonObject job(String jobId) {
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + jobId));
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).asJsonObject();
    }

    /** Polls the job until {@code condition} holds, as a polling frontend would. */
    private JsonObject awaitJob(String jobId, Predicate<JsonObject> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonObject job = job(jobId);
        while (!condition.test(job)) {
            assertTrue(System.nanoTime() < end, "job never got there: " + job);
            FrontendSocket.sleep(Duration.ofMillis(100));
            job = job(jobId);
        }
        return job;
    }

    private static boolean ended(JsonObject job) {
        return List.of("completed", "failed", "cancelled").contains(job.getString("status"));
    }

    @Test
    void aSilentJobEndsStalledOnceForSocketAndPollingAndRefusesItsLateEvent() {
        String jobId = uniqueId("silent");
        try (WsClient ws = server.subscribedSocket(jobId)) {
            ingest("{'jobId':'" + jobId + "','userId':'ann','type':'started','staleAfterSeconds':2}");
            List<JsonObject> seen = new ArrayList<>();
            JsonObject failed = ws.awaitData(d -> "failed".equals(d.getString("status")), seen);
            assertEquals("stalled", failed.getString("reason"));
            assertEquals("stalled: no update for 2 s", failed.getString("error"));
            assertNull(ws.poll(Duration.ofMillis(2500)), "one terminal event, nothing after it");

            JsonObject polled = job(jobId);
            assertEquals("failed", polled.getString("status"));
            assertEquals("stalled", polled.getString("reason"));
            assertEquals(failed.getInt("version"), polled.getInt("version"));

            JsonObject late = ingest("{'jobId':'" + jobId + "','type':'progress','progress':50}").getJsonObject(0);
            assertEquals("rejected", late.getString("outcome"));
            assertEquals("job_stalled", late.getString("code"));
            assertEquals(polled, job(jobId), "the late event changed nothing");
        }
    }

    @Test
    void anIngestProducerLearnsOfTheCancellationFromItsNextEventAndConfirms() {
        String jobId = uniqueId("ingest-cancel");
        try (WsClient ws = server.subscribedSocket(jobId)) {
            ingest("{'jobId':'" + jobId + "','userId':'ann','type':'progress','progress':10}");
            HttpResponse<String> first = cancel(jobId);
            assertEquals(202, first.statusCode(), first.body());
            JsonObject requested = Http.json(first).asJsonObject();
            assertTrue(requested.getBoolean("cancelRequested"));
            assertEquals("running", requested.getString("status"));
            JsonObject pushed = ws.awaitData(d -> d.getBoolean("cancelRequested", false));
            assertEquals(requested.getInt("version"), pushed.getInt("version"));

            HttpResponse<String> again = cancel(jobId);
            assertEquals(202, again.statusCode(), "a repeated request is accepted");
            assertEquals(requested.getInt("version"), Http.json(again).asJsonObject().getInt("version"),
                    "and changes nothing");

            JsonObject answer = ingest("{'jobId':'" + jobId + "','type':'progress','progress':20}").getJsonObject(0);
            assertEquals("applied", answer.getString("outcome"));
            assertTrue(answer.getBoolean("cancelRequested"), answer.toString());
            assertTrue(job(jobId).getBoolean("cancelRequested"), "polling shows it too");

            ingest("{'jobId':'" + jobId + "','type':'cancelled','error':'Stopped on request'}");
            JsonObject cancelled = ws.awaitData(d -> "cancelled".equals(d.getString("status")));
            assertEquals("Stopped on request", cancelled.getString("error"));
            assertFalse(cancelled.containsKey("reason"), "the producer ended it");

            HttpResponse<String> finished = cancel(jobId);
            assertEquals(409, finished.statusCode(), finished.body());
            assertTrue(finished.body().contains("job-finished"), finished.body());
            assertEquals(cancelled.getInt("version"), job(jobId).getInt("version"), "nothing changed");
        }
    }

    /** The ack or error answering request {@code id}, skipping pushes that arrive before it. */
    private static JsonObject replyTo(WsClient ws, int id) {
        while (true) {
            JsonObject frame = ws.next();
            if (frame.containsKey("id") && frame.getInt("id") == id) {
                return frame;
            }
        }
    }

    @Test
    void aDemoJobCancelledOverThePlainSocketStopsAndConfirms() {
        HttpResponse<String> started = Http.post(server.http("api/demo/jobs"),
                "{\"userId\":\"demo\",\"steps\":100,\"stepMillis\":200}");
        assertEquals(201, started.statusCode(), started.body());
        String jobId = Http.json(started).asJsonObject().getString("jobId");
        try (WsClient ws = server.subscribedSocket(jobId)) {
            ws.send("{\"op\":\"cancel\",\"jobId\":\"" + jobId + "\",\"id\":7}");
            JsonObject ack = replyTo(ws, 7);
            assertEquals("ack", ack.getString("type"), ack.toString());
            assertEquals("cancel", ack.getString("op"));
            assertTrue(ack.getJsonArray("jobs").getJsonObject(0).getBoolean("cancelRequested"));

            JsonObject cancelled = ws.awaitData(d -> "cancelled".equals(d.getString("status")));
            assertTrue(cancelled.getString("error").startsWith("Cancelled at step"), cancelled.toString());
            assertTrue(cancelled.getInt("progress") < 100, "it stopped before the end");
            assertNull(ws.poll(Duration.ofMillis(1000)), "and sends nothing after");

            ws.send("{\"op\":\"cancel\",\"jobId\":\"" + jobId + "\",\"id\":8}");
            JsonObject finished = replyTo(ws, 8);
            assertEquals("error", finished.getString("type"));
            assertEquals("job_finished", finished.getString("code"));
            ws.send("{\"op\":\"cancel\",\"jobId\":\"" + uniqueId("nobody") + "\",\"id\":9}");
            assertEquals("unknown_job", replyTo(ws, 9).getString("code"));
        }
    }

    @Test
    void aCancellationOverSocketIoIsAckedAndEndsCancelledAfterTheGracePeriodWithoutConfirmation() {
        String jobId = uniqueId("unconfirmed");
        ingest("{'jobId':'" + jobId + "','userId':'ann','type':'started','staleAfterSeconds':0}");
        try (RawSocketIo socketIo = RawSocketIo.joined(server.ws("socket.io/?EIO=4&transport=websocket"))) {
            socketIo.send("421[\"cancel\",{\"jobId\":\"" + jobId + "\"}]");
            String ack = socketIo.next();
            assertTrue(ack.startsWith("431[{\"ok\":true"), ack);
            assertTrue(ack.contains("\"cancelRequested\":true"), ack);
        }
        JsonObject ended = awaitJob(jobId, JobEndingsIT::ended, Duration.ofSeconds(10));
        assertEquals("cancelled", ended.getString("status"));
        assertEquals("cancel_timeout", ended.getString("reason"));
        assertEquals("cancelled: the producer did not confirm within 2 s", ended.getString("error"));
    }

    @Test
    void aBatchJobCancelledOverHttpIsStoppedThroughTheJobOperatorAndEndsCancelled() {
        HttpResponse<String> started = Http.post(server.http("api/demo/batch"), "{\"records\":2000,\"itemMillis\":20}");
        assertEquals(201, started.statusCode(), started.body());
        String jobId = Http.json(started).asJsonObject().getString("jobId");
        awaitJob(jobId, j -> j.getInt("progress") > 0, Duration.ofSeconds(30));

        assertEquals(202, cancel(jobId).statusCode());
        JsonObject ended = awaitJob(jobId, JobEndingsIT::ended, Duration.ofSeconds(30));
        assertEquals("cancelled", ended.getString("status"), ended.toString());
        assertTrue(ended.getString("error").contains("batch execution"), ended.toString());
        assertFalse(ended.containsKey("reason"), "the listener confirmed; the grace period did not run out");
        assertTrue(ended.getInt("progress") < 100, ended.toString());
    }

    @Test
    void cancellingAnUnknownOrInvalidJobIsAClearError() {
        assertEquals(404, cancel(uniqueId("nobody")).statusCode());
        assertEquals(400, cancel("not%20an%20id").statusCode());
    }
}
