package io.jobpulse.it;

import io.jobpulse.it.harness.FrontendSocket;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.LibertyNode;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.event;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default configuration (embedded database, no external service) survives {@code kill -9}:
 * every job's last state and version are there after the restart, and versions go on from there.
 */
class DurableRestartIT {

    private static LibertyNode node;

    @BeforeAll
    static void startDefaultServer() {
        node = new LibertyNode("itDurable", 3, Map.of()).start();
    }

    @AfterAll
    static void stopServer() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void killedServerRestartsWithEveryJobsLastStateAndVersion() {
        Server server = node.server();
        String done = uniqueId("done");
        String failed = uniqueId("failed");
        String running = uniqueId("running");
        String finishedLast = uniqueId("last");
        server.fire(null, created(done, "olga"), progress(done, 10), progress(done, 50), completed(done));
        server.fire(null, created(failed, "olga"), progress(failed, 30), event("failed", failed).add("error", "Disk full"));
        server.fire(null, created(running, "olga"), progress(running, 20), progress(running, 60));
        // the very last thing before the crash is a terminal event; nothing may be lost, not even that
        server.fire(null, created(finishedLast, "olga"), progress(finishedLast, 99));
        server.fire(null, completed(finishedLast));
        Map<String, JsonObject> before = Map.of(done, job(server, done), failed, job(server, failed),
                running, job(server, running), finishedLast, job(server, finishedLast));

        node.kill();
        node.start();

        for (Map.Entry<String, JsonObject> e : before.entrySet()) {
            assertEquals(e.getValue(), job(server, e.getKey()), "state of " + e.getKey() + " after kill -9");
        }
        JsonObject stillRunning = job(server, running);
        assertEquals("running", stillRunning.getString("status"));
        assertEquals(60, stillRunning.getInt("progress"));
        assertEquals(4, job(server, done).getInt("version"));
        assertEquals(3, job(server, finishedLast).getInt("version"));

        JsonObject next = server.fire(null, progress(running, 80));
        assertEquals(stillRunning.getInt("version") + 1, next.getInt("version"), "versions continue after the restart");
        assertTrue(Files.exists(node.outputDir().resolve("data/jobpulse.mv.db")),
                "the embedded database lives under the server's output folder");
    }

    @Test
    void aDemoJobKilledWithItsServerEndsInterruptedWhenItStartsAgain() {
        Server server = node.server();
        HttpResponse<String> started = Http.post(server.http("api/demo/jobs"),
                "{\"userId\":\"olga\",\"steps\":500,\"stepMillis\":200}");
        assertEquals(201, started.statusCode(), started.body());
        String demo = Http.json(started).asJsonObject().getString("jobId");
        String external = uniqueId("external");
        server.fire(null, created(external, "olga"), progress(external, 20));
        long end = System.nanoTime() + 30_000_000_000L;
        while (job(server, demo).getInt("progress") == 0) {
            assertTrue(System.nanoTime() < end, "the demo job never moved");
            FrontendSocket.sleep(java.time.Duration.ofMillis(100));
        }

        node.kill();
        node.start();

        JsonObject interrupted = job(server, demo);
        assertEquals("failed", interrupted.getString("status"), interrupted.toString());
        assertEquals("interrupted", interrupted.getString("reason"));
        assertTrue(interrupted.getString("error").startsWith("interrupted"), interrupted.toString());
        try (WsClient ws = server.subscribedSocket(demo)) {
            JsonObject snapshot = ws.next();
            assertEquals("job.failed", snapshot.getString("type"), "a subscriber after the restart sees how it ended");
            assertEquals("interrupted", snapshot.getJsonObject("data").getString("reason"));
        }
        assertEquals("running", job(server, external).getString("status"),
                "a job of an external producer is not this server's to end");
    }

    private static JsonObject job(Server server, String jobId) {
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + jobId));
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).asJsonObject();
    }
}
