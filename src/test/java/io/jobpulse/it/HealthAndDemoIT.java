package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The newcomer's path: health probes answer, and a demo job runs to its end over the socket. */
class HealthAndDemoIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    @Test
    void probesAreUpWithNamedChecks() {
        assertProbe("health/live", "jobpulse-live");
        assertProbe("health/ready", "jobpulse-store");
        assertProbe("health/started", "jobpulse-started");
    }

    @Test
    void demoJobRunsToCompletionOverTheSocket() {
        HttpResponse<String> created = Http.post(server.http("api/demo/jobs"),
                "{\"userId\":\"demo-it\",\"steps\":5,\"stepMillis\":100}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject job = Http.json(created).asJsonObject();
        String jobId = job.getString("jobId");
        assertEquals("running", job.getString("status"));
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/api/jobs/" + jobId));

        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            int lastProgress = -1;
            JsonObject frame;
            do {
                frame = ws.next();
                int progress = frame.getJsonObject("data").getInt("progress");
                assertTrue(progress >= lastProgress, "progress never goes down");
                lastProgress = progress;
            } while ("job.progress".equals(frame.getString("type")));
            assertEquals("job.completed", frame.getString("type"));
            assertEquals(100, frame.getJsonObject("data").getInt("progress"));
            assertEquals(5, frame.getJsonObject("data").getJsonObject("result").getInt("steps"));
        }
    }

    @Test
    void failingDemoJobEndsWithItsError() {
        HttpResponse<String> created = Http.post(server.http("api/demo/jobs"),
                "{\"steps\":5,\"stepMillis\":50,\"fail\":true}");
        assertEquals(201, created.statusCode());
        String jobId = Http.json(created).asJsonObject().getString("jobId");
        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            ws.next();
            JsonObject frame;
            do {
                frame = ws.next();
            } while ("job.progress".equals(frame.getString("type")));
            assertEquals("job.failed", frame.getString("type"));
            assertTrue(frame.getJsonObject("data").getString("error").startsWith("Simulated failure"));
        }
    }

    @Test
    void invalidDemoRequestsAreExplained() {
        HttpResponse<String> r = Http.post(server.http("api/demo/jobs"), "{\"steps\":0}");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).asJsonObject().getString("detail").contains("steps"));
        HttpResponse<String> garbage = Http.post(server.http("api/demo/jobs"), "{not json");
        assertEquals(400, garbage.statusCode());
        assertEquals("application/problem+json", garbage.headers().firstValue("Content-Type").orElseThrow());
    }

    private void assertProbe(String path, String check) {
        HttpResponse<String> r = Http.get(server.root(path));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = Http.json(r).asJsonObject();
        assertEquals("UP", body.getString("status"));
        Set<String> names = body.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject).map(c -> c.getString("name")).collect(Collectors.toSet());
        assertTrue(names.contains(check), names.toString());
    }

    @Test
    void withoutAKeyTheServerSaysLoudlyThatItIsOpen() {
        assertTrue(Server.serverLog().contains(" W jobpulse SECURITY IS OFF (jobpulse.security.mode=open)"),
                "a warning in messages.log");
        assertEquals(200, Http.get(server.http("api/jobs?userId=anyone")).statusCode(), "and no token is needed");
    }
}
