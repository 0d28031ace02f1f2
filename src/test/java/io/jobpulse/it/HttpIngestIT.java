package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/jobs/events}: external schedulers' events reach socket subscribers, one outcome per event. */
class HttpIngestIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    private HttpResponse<String> post(String body) {
        return Http.post(server.http("api/jobs/events"), body.replace('\'', '"'));
    }

    private static JsonArray results(HttpResponse<String> r) {
        return Http.json(r).asJsonObject().getJsonArray("results");
    }

    @Test
    void mixedBatchPushesTheGoodEventsInOrderAndReportsTheBadOnes() {
        String job = uniqueId("mixed");
        try (WsClient ws = server.subscribedSocket(job)) {
            HttpResponse<String> r = post("["
                    + "{'jobId':'" + job + "','userId':'ann','type':'started','jobType':'nightly-etl'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':20,'message':'extract'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':'abc'},"
                    + "{'jobId':5,'type':'progress'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':60,'message':'load'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':30},"
                    + "{'jobId':'" + uniqueId("nobody") + "','type':'progress','progress':10},"
                    + "{'jobId':'" + job + "','type':'completed','result':{'rows':120}}"
                    + "]");

            assertEquals(202, r.statusCode(), r.body());
            JsonObject report = Http.json(r).asJsonObject();
            assertEquals(4, report.getInt("accepted"));
            assertEquals(4, report.getInt("rejected"));
            JsonArray results = report.getJsonArray("results");
            List<String> outcomes = results.stream().map(v -> v.asJsonObject().getString("outcome")).toList();
            assertEquals(List.of("applied", "applied", "rejected", "rejected", "applied", "rejected", "rejected", "applied"),
                    outcomes);
            assertEquals("invalid_progress", results.getJsonObject(2).getString("code"));
            assertEquals("invalid_job_id", results.getJsonObject(3).getString("code"));
            assertEquals("progress_backwards", results.getJsonObject(5).getString("code"));
            assertEquals("unknown_job", results.getJsonObject(6).getString("code"));
            assertTrue(results.getJsonObject(6).getString("reason").contains("userId"));
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i, results.getJsonObject(i).getInt("index"));
            }
            assertEquals(4, results.getJsonObject(7).getInt("version"));
            assertEquals("completed", results.getJsonObject(7).getString("status"));

            // the outbox may coalesce, but what arrives is in order and only the accepted states
            Map<Integer, Integer> progressAtVersion = Map.of(1, 0, 2, 20, 3, 60, 4, 100);
            int last = 0;
            JsonObject data;
            do {
                data = ws.next().getJsonObject("data");
                int version = data.getInt("version");
                assertTrue(version > last, "versions increase");
                assertEquals(progressAtVersion.get(version), data.getInt("progress"));
                last = version;
            } while (last < 4);
            assertEquals("completed", data.getString("status"));
            assertEquals(120, data.getJsonObject("result").getInt("rows"));
            assertEquals("nightly-etl", data.getString("type"));
            assertNull(ws.poll(Duration.ofMillis(300)));
        }
    }

    @Test
    void theSamePostReplayedWithEventIdsChangesNothing() {
        String job = uniqueId("replay");
        String body = "["
                + "{'eventId':'run-1/start','jobId':'" + job + "','userId':'ben','type':'started'},"
                + "{'eventId':'run-1/p50','jobId':'" + job + "','type':'progress','progress':50}"
                + "]";
        HttpResponse<String> first = post(body);
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(2, results(first).getJsonObject(1).getInt("version"));

        try (WsClient ws = server.subscribedSocket(job)) {
            assertEquals(2, ws.next().getJsonObject("data").getInt("version"), "snapshot");

            HttpResponse<String> again = post(body);
            assertEquals(202, again.statusCode(), again.body());
            JsonArray results = results(again);
            for (int i = 0; i < 2; i++) {
                JsonObject result = results.getJsonObject(i);
                assertEquals("duplicate", result.getString("outcome"));
                assertEquals(i + 1, result.getInt("version"), "the version the original produced");
            }
            assertNull(ws.poll(Duration.ofMillis(500)), "a replay pushes nothing");
        }
        JsonObject state = Http.json(Http.get(server.http("api/jobs/" + job))).asJsonObject();
        assertEquals(2, state.getInt("version"));
        assertEquals(50, state.getInt("progress"));
    }

    @Test
    void anEventRepeatedInsideOneBodyIsADuplicateOfItsFirstCopy() {
        String job = uniqueId("inner-replay");
        HttpResponse<String> r = post("["
                + "{'eventId':'s','jobId':'" + job + "','userId':'ben','type':'started'},"
                + "{'eventId':'p','jobId':'" + job + "','type':'progress','progress':50},"
                + "{'eventId':'p','jobId':'" + job + "','type':'progress','progress':50},"
                + "{'jobId':'" + job + "','type':'progress','progress':60}"
                + "]");
        assertEquals(202, r.statusCode(), r.body());
        JsonArray results = results(r);
        assertEquals("applied", results.getJsonObject(1).getString("outcome"));
        assertEquals("duplicate", results.getJsonObject(2).getString("outcome"));
        assertEquals(2, results.getJsonObject(2).getInt("version"), "the version the first copy produced");
        assertEquals(3, results.getJsonObject(3).getInt("version"), "the duplicate took no version");
    }

    @Test
    void aSingleEventObjectIsAcceptedToo() {
        String job = uniqueId("single");
        String user = uniqueId("cy");
        HttpResponse<String> r = post("{'jobId':'" + job + "','userId':'" + user + "','type':'queued','jobType':'backup'}");
        assertEquals(202, r.statusCode(), r.body());
        JsonObject result = results(r).getJsonObject(0);
        assertEquals("applied", result.getString("outcome"));
        assertEquals("queued", result.getString("status"));
        assertEquals(job, result.getString("jobId"));
        JsonArray listed = Http.json(Http.get(server.http("api/jobs?userId=" + user))).asJsonArray();
        assertEquals(job, listed.getJsonObject(0).getString("jobId"), "polling sees ingested jobs");
    }

    @Test
    void aLateEventForAFinishedJobIsIgnoredNotAnError() {
        String job = uniqueId("late");
        post("[{'jobId':'" + job + "','userId':'di','type':'started'},{'jobId':'" + job + "','type':'cancelled'}]");
        HttpResponse<String> r = post("{'jobId':'" + job + "','type':'progress','progress':90}");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("ignored", results(r).getJsonObject(0).getString("outcome"));
    }

    @Test
    void whenEveryEventIsBadTheAnswerIs400WithAReasonForEach() {
        HttpResponse<String> r = post("[{'jobId':5,'type':'started'},"
                + "{'jobId':'x','type':'progress','progress':'abc'},"
                + "{'jobId':'x','type':'note-import'},"
                + "{'jobId':'x','type':'progress','percent':3}]");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonObject problem = Http.json(r).asJsonObject();
        assertEquals(0, problem.getInt("accepted"));
        List<String> codes = problem.getJsonArray("results").stream()
                .map(v -> v.asJsonObject().getString("code")).toList();
        assertEquals(List.of("invalid_job_id", "invalid_progress", "invalid_event_type", "unknown_field"), codes);
    }

    @Test
    void anUnreadableBodyIs400WithAReason() {
        for (String body : List.of("{'jobId':", "42", "[]", "", "[{}] trailing")) {
            HttpResponse<String> r = post(body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            JsonObject problem = Http.json(r).asJsonObject();
            assertFalse(problem.getString("detail").isBlank());
            assertFalse(problem.containsKey("results"));
        }
    }

    @Test
    void tooManyEventsOrTooManyBytesIs413AndAppliesNothing() {
        String job = uniqueId("big");
        JsonArrayBuilder events = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("jobId", job).add("userId", "eve").add("type", "started"));
        for (int i = 0; i < 1000; i++) {
            events.add(Json.createObjectBuilder().add("jobId", job).add("type", "progress"));
        }
        HttpResponse<String> tooMany = Http.post(server.http("api/jobs/events"), events.build().toString());
        assertEquals(413, tooMany.statusCode(), tooMany.body());
        assertTrue(Http.json(tooMany).asJsonObject().getString("detail").contains("1000"));

        String huge = "[{\"jobId\":\"" + job + "\",\"userId\":\"eve\",\"type\":\"started\",\"message\":\""
                + "x".repeat(1_100_000) + "\"}]";
        HttpResponse<String> tooBig = Http.post(server.http("api/jobs/events"), huge);
        assertEquals(413, tooBig.statusCode());

        assertEquals(404, Http.get(server.http("api/jobs/" + job)).statusCode(), "nothing applied");
    }

    @Test
    void aJobNamedEventsCanStillBePolled() {
        post("{'jobId':'events','userId':'fay','type':'started'}");
        HttpResponse<String> r = Http.get(server.http("api/jobs/events"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("events", Http.json(r).asJsonObject().getString("jobId"));
    }

    @Test
    void aBodyThatIsNotJsonMediaTypeIs415() {
        HttpResponse<String> r = Http.post(server.http("api/jobs/events"), "application/x-www-form-urlencoded",
                "jobId=x&type=started");
        assertEquals(415, r.statusCode(), r.body());
    }
}
