package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.RawWsClient;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection liveness and retention, with short timeouts so the test sees them act. */
class LivenessIT extends ArquillianClient {

    private final ExecutorService pollers = Executors.newCachedThreadPool();

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("jobpulse-liveness", Map.of(
                "jobpulse.ws.ping-interval-ms", "300",
                "jobpulse.ws.ping-timeout-ms", "600",
                "jobpulse.push.max-per-second-per-job", "0",
                "jobpulse.retention.finished-seconds", "1",
                "jobpulse.retention.sweep-seconds", "1",
                "jobpulse.poll.max-waiters-per-user", "2"));
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedThroughIdlePeriods() throws InterruptedException {
        String jobId = uniqueId("idle");
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            Thread.sleep(3000); // ten ping intervals without a single application message
            assertFalse(ws.isClosed());
            server.fire(null, created(jobId, "rita"));
            assertEquals(jobId, ws.next().getJsonObject("data").getString("jobId"));
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDroppedAndForgotten() throws Exception {
        String jobId = uniqueId("silent");
        try (RawWsClient silent = new RawWsClient(server.ws("ws/jobs"))) {
            silent.sendText("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            assertTrue(eventually(() -> subscribed(jobId), Duration.ofSeconds(5)), "subscribed");
            assertTrue(eventually(() -> !subscribed(jobId), Duration.ofSeconds(10)),
                    "dropped after ping interval + timeout without a pong");
        }
    }

    @Test
    void finishedJobsArePurgedAfterTheRetentionWithTheirSubscriptions() {
        String jobId = uniqueId("old");
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            server.fire(null, created(jobId, "tess"), completed(jobId));
            assertEquals(200, Http.get(server.http("api/jobs/" + jobId)).statusCode());
            assertTrue(eventually(() -> Http.get(server.http("api/jobs/" + jobId)).statusCode() == 404,
                    Duration.ofSeconds(10)), "purged after the retention");
            assertTrue(eventually(() -> !subscribed(jobId), Duration.ofSeconds(5)), "its subscription is gone");
            assertFalse(ws.isClosed(), "the connection itself stays");
        }
    }

    @Test
    void aLongPollOnAPurgedJobIsAnswered404AtThePurge() throws Exception {
        String jobId = uniqueId("purged-poll");
        server.fire(null, created(jobId, "tess"), completed(jobId));
        long started = System.nanoTime();
        // Version 2 is the last the job will have: only the purge can end this wait before its 20 s.
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + jobId + "?afterVersion=2&waitSeconds=20"));
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(Http.json(r).asJsonObject().getString("type").endsWith("unknown-job"), r.body());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15, "answered at the purge, not the timeout");
    }

    @Test
    void oneClientHoldsAtMostItsShareOfLongPollPlaces() throws Exception {
        String a = uniqueId("lp-a");
        String b = uniqueId("lp-b");
        String c = uniqueId("lp-c");
        server.fire(null, created(a, "uma"), created(b, "uma"), created(c, "uma"));
        List<String> waiting = List.of(a, b);
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        waiting.forEach(id -> polls.add(longPoll(id, 20)));
        // Once both wait, a third from the same client (no user in open mode: its address) is refused.
        // A probe that slips in first takes a place for its second: a poll refused then is sent again.
        HttpResponse<String> third = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while ((third == null || third.statusCode() != 429) && System.nanoTime() < deadline) {
            for (int i = 0; i < polls.size(); i++) {
                if (polls.get(i).isDone() && polls.get(i).join().statusCode() == 429) {
                    polls.set(i, longPoll(waiting.get(i), 20));
                }
            }
            third = Http.get(server.http("api/jobs/" + c + "?afterVersion=1&waitSeconds=1"));
        }
        assertEquals(429, third.statusCode(), "refused once two wait: " + third.body());
        assertEquals("urn:jobpulse:problem:too-many-waiters-per-user", Http.json(third).asJsonObject().getString("type"));
        assertTrue(third.headers().firstValue("Retry-After").isPresent());

        server.fire(null, progress(a, 50), progress(b, 50));
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            assertEquals(200, poll.get(10, TimeUnit.SECONDS).statusCode());
        }
        pollers.shutdown();
        // A place is given back once the answer is written, which the client may see a moment before.
        assertTrue(eventually(() -> Http.get(server.http("api/jobs/" + c + "?afterVersion=1&waitSeconds=1")).statusCode() == 304,
                Duration.ofSeconds(5)), "answered requests give their places back");
    }

    /** Its own threads: the common pool may have a single one, which would run the polls one after another. */
    private CompletableFuture<HttpResponse<String>> longPoll(String jobId, int seconds) {
        return CompletableFuture.supplyAsync(
                () -> Http.get(server.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=" + seconds)), pollers);
    }

    private boolean subscribed(String jobId) {
        JsonArray all = Http.json(Http.get(server.http("api/test/connections"))).asJsonArray();
        for (JsonValue c : all) {
            if (c.asJsonObject().getJsonArray("topics").contains(Json.createValue("job:" + jobId))) {
                return true;
            }
        }
        return false;
    }

    private static boolean eventually(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
