package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
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

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Batch jobs that list {@code jobpulseListener} report to socket subscribers (the demo-batch job). */
class BatchIngestIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    private JsonObject startBatch(String body) {
        HttpResponse<String> r = Http.post(server.http("api/demo/batch"), body.replace('\'', '"'));
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).asJsonObject();
    }

    /** Every frame of the job's data until its terminal event, asserting versions only increase. */
    private static List<JsonObject> untilFinished(WsClient ws) {
        List<JsonObject> frames = new ArrayList<>();
        long last = 0;
        while (true) {
            JsonObject frame = ws.next(Duration.ofSeconds(30));
            JsonObject data = frame.getJsonObject("data");
            assertTrue(data.getInt("version") > last, "versions increase: " + frames);
            last = data.getInt("version");
            frames.add(data);
            if (!"job.progress".equals(frame.getString("type"))) {
                return frames;
            }
        }
    }

    private static List<String> messages(List<JsonObject> frames) {
        return frames.stream().filter(f -> f.containsKey("message")).map(f -> f.getString("message")).toList();
    }

    private static void assertProgressNeverGoesDown(List<JsonObject> frames) {
        int last = 0;
        for (JsonObject f : frames) {
            assertTrue(f.getInt("progress", last) >= last, "progress never goes down: " + frames);
            last = f.getInt("progress", last);
        }
    }

    @Test
    void theSampleBatchJobsProgressReachesASubscriberAndItCompletesWithCounts() {
        String user = uniqueId("batchfan");
        JsonObject created = startBatch("{'userId':'" + user + "','records':60,'itemMillis':5}");
        String jobId = created.getString("jobId");
        assertEquals(user, created.getString("userId"));
        assertEquals("demo-batch", created.getString("type"));

        try (WsClient ws = server.subscribedSocket(jobId)) {
            List<JsonObject> frames = untilFinished(ws);
            JsonObject done = frames.get(frames.size() - 1);
            assertEquals("completed", done.getString("status"), frames.toString());
            assertProgressNeverGoesDown(frames);
            assertTrue(frames.stream().anyMatch(f -> f.getInt("progress") > 0 && f.getInt("progress") < 100),
                    "intermediate progress: " + frames);
            assertTrue(messages(frames).stream().anyMatch(m -> m.matches("transform: \\d+ of 60 items")), frames.toString());
            assertTrue(messages(frames).contains("Step 'report'"), frames.toString());

            JsonObject result = done.getJsonObject("result");
            assertEquals("demo-batch", result.getString("batchJob"));
            assertEquals("COMPLETED", result.getString("exitStatus"));
            JsonArray steps = result.getJsonArray("steps");
            assertEquals("transform", steps.getJsonObject(0).getString("step"));
            assertEquals(60, steps.getJsonObject(0).getInt("read"));
            assertEquals(60, steps.getJsonObject(0).getInt("written"));
            assertEquals("report", steps.getJsonObject(1).getString("step"));
        }
    }

    @Test
    void aFailingBatchJobReportsFailedWithItsExceptionMessage() {
        String jobId = startBatch("{'records':50,'itemMillis':0,'fail':true}").getString("jobId");
        try (WsClient ws = server.subscribedSocket(jobId)) {
            List<JsonObject> frames = untilFinished(ws);
            JsonObject failed = frames.get(frames.size() - 1);
            assertEquals("failed", failed.getString("status"));
            assertEquals("Step 'transform' failed: Simulated failure at record 30", failed.getString("error"));
        }
        JsonObject state = Http.json(Http.get(server.http("api/jobs/" + jobId))).asJsonObject();
        assertEquals(20, state.getInt("progress"), "the chunk that rolled back reported nothing");
    }

    @Test
    void aStoppedBatchJobThatIsRestartedContinuesTheSameJob() {
        String jobId = startBatch("{'records':200,'itemMillis':10}").getString("jobId");
        List<JsonObject> frames = new ArrayList<>();
        try (WsClient ws = server.subscribedSocket(jobId)) {
            ws.awaitData(f -> f.getInt("progress") >= 20, frames);
            JsonObject stop = Http.json(Http.post(server.http("api/test/batch/stop?jobId=" + jobId), "")).asJsonObject();
            assertEquals("STOPPED", stop.getString("status"));
            JsonObject stopped = ws.awaitData(f -> f.getString("message", "").startsWith("Stopped"), frames);
            assertEquals("running", stopped.getString("status"), "a stopped batch job can be restarted");
            int progressAtStop = Http.json(Http.get(server.http("api/jobs/" + jobId))).asJsonObject().getInt("progress");

            JsonObject restart = Http.json(Http.post(
                    server.http("api/test/batch/restart?jobId=" + jobId + "&itemMillis=0"), "")).asJsonObject();
            frames.addAll(untilFinished(ws));
            JsonObject done = frames.get(frames.size() - 1);
            assertEquals("completed", done.getString("status"));
            assertEquals(jobId, done.getString("jobId"));
            assertEquals(restart.getJsonNumber("executionId").longValue(),
                    done.getJsonObject("result").getJsonNumber("executionId").longValue());
            assertTrue(messages(frames).stream().anyMatch(m -> m.startsWith("Restarted")), frames.toString());
            assertProgressNeverGoesDown(frames);
            // the restart reads only what the stop left over, and the stop showed where it was
            int readAfterRestart = done.getJsonObject("result").getJsonArray("steps").getJsonObject(0).getInt("read");
            assertTrue(readAfterRestart < 200, "the restart resumes at the checkpoint");
            assertEquals((200 - readAfterRestart) * 100 / 200, progressAtStop, "progress at the stop is the checkpoint");
        }
    }

    @Test
    void aRestartAfterAFailureReportsToANewAttemptOfTheJob() {
        String user = uniqueId("retrier");
        List<JsonObject> frames = new ArrayList<>();
        String jobId;
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"userId\":\"" + user + "\"}");
            ws.next();
            jobId = startBatch("{'userId':'" + user + "','records':40,'itemMillis':0,'fail':true}").getString("jobId");
            ws.awaitData(f -> "failed".equals(f.getString("status")), frames);

            Http.post(server.http("api/test/batch/restart?jobId=" + jobId + "&failAt=0"), "");
            JsonObject done = ws.awaitData(f -> "completed".equals(f.getString("status")), frames);
            assertEquals(jobId + ":attempt-2", done.getString("jobId"));
            assertEquals(user, done.getString("userId"));
            assertEquals("demo-batch", done.getString("type"));
        }
        JsonObject original = Http.json(Http.get(server.http("api/jobs/" + jobId))).asJsonObject();
        assertEquals("failed", original.getString("status"), "a failed job stays failed");
    }

    @Test
    void aBadDemoBatchRequestIsRefused() {
        HttpResponse<String> r = Http.post(server.http("api/demo/batch"), "{\"records\":0}");
        assertEquals(400, r.statusCode(), r.body());
    }

    @Test
    void theServerNamesDemoBatchJobsSoNoIdCanBeTakenOrProbed() {
        String existing = startBatch("{'records':1,'itemMillis':0}").getString("jobId");
        assertTrue(existing.matches("demo-batch-[0-9a-f]{32}"), existing);
        for (String id : List.of(existing, uniqueId("free"))) {
            HttpResponse<String> r = Http.post(server.http("api/demo/batch"), "{\"jobId\":\"" + id + "\"}");
            assertEquals(400, r.statusCode(), "the same answer for a taken and a free id: " + r.body());
            assertTrue(r.body().contains("jobId is chosen by the server"), r.body());
        }
    }
}
