package io.jobpulse.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.jobpulse.it.Server.completed;
import static io.jobpulse.it.Server.created;
import static io.jobpulse.it.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection liveness and retention, with short timeouts so the test sees them act. */
class LivenessIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("jobpulse-liveness", Map.of(
                "jobpulse.ws.ping-interval-ms", "300",
                "jobpulse.ws.ping-timeout-ms", "600",
                "jobpulse.push.max-per-second-per-job", "0",
                "jobpulse.retention.finished-seconds", "1",
                "jobpulse.retention.sweep-seconds", "1"));
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
