package io.jobpulse.it;

import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.LibertyNode;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.TcpProxy;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.event;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Liberty nodes sharing the real PostgreSQL and Redis of this machine act as one. Each run has a
 * schema and a stream key of its own, removed afterwards. Both nodes reach Redis, and node A also
 * reaches PostgreSQL, through a {@link TcpProxy}, so a test can cut them off without touching the
 * shared services.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String PG_URL = System.getProperty("jobpulse.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("jobpulse.test.postgres.user", "postgres");
    /** A PostgreSQL server refuses jobpulse's built-in H2 password (DatabasePasswordCheck); local trust auth ignores it. */
    static final String PG_PASSWORD = System.getProperty("jobpulse.test.postgres.password", "cluster-it");
    static final String REDIS_HOST = System.getProperty("jobpulse.test.redis.host", "127.0.0.1");
    static final int REDIS_PORT = Integer.getInteger("jobpulse.test.redis.port", 6379);

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String SCHEMA = "jp_cluster_" + RUN;
    private static final String STREAM = "jobpulse-it-" + RUN + ":changes";

    private static TcpProxy redisProxy;
    private static TcpProxy postgresProxy;
    private static LibertyNode nodeA;
    private static LibertyNode nodeB;
    private static Server a;
    private static Server b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        sql("CREATE SCHEMA " + SCHEMA);
        redisProxy = new TcpProxy(Integer.getInteger("it.http.port", 9180) + 10, REDIS_HOST, REDIS_PORT);
        URI pg = URI.create(PG_URL.substring("jdbc:".length()));
        postgresProxy = new TcpProxy(Integer.getInteger("it.http.port", 9180) + 11, pg.getHost(), pg.getPort());
        Map<String, String> env = Map.of(
                "JOBPULSE_DB_URL", PG_URL + "?currentSchema=" + SCHEMA,
                "JOBPULSE_DB_USER", PG_USER,
                "JOBPULSE_DB_PASSWORD", PG_PASSWORD,
                "JOBPULSE_REDIS_URI", "redis://127.0.0.1:" + redisProxy.port(),
                "JOBPULSE_REDIS_STREAM", STREAM,
                "JOBPULSE_JOBS_SWEEP_SECONDS", "1");
        Map<String, String> envA = new HashMap<>(env);
        envA.put("JOBPULSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + pg.getPath()
                + "?currentSchema=" + SCHEMA);
        nodeA = new LibertyNode("itNodeA", 1, envA);
        nodeB = new LibertyNode("itNodeB", 2, env);
        CompletableFuture<LibertyNode> startA = CompletableFuture.supplyAsync(nodeA::start);
        CompletableFuture<LibertyNode> startB = CompletableFuture.supplyAsync(nodeB::start);
        a = startA.join().server();
        b = startB.join().server();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            for (LibertyNode node : new LibertyNode[]{nodeA, nodeB}) {
                if (node != null) {
                    node.stop();
                }
            }
        } finally {
            for (TcpProxy proxy : new TcpProxy[]{redisProxy, postgresProxy}) {
                if (proxy != null) {
                    proxy.close();
                }
            }
            try (Jedis jedis = new Jedis(REDIS_HOST, REDIS_PORT)) {
                jedis.del(STREAM);
            }
            sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    @Order(1)
    void subscriberOnNodeBReceivesEveryEventOfNodeAInOrder() {
        String jobId = uniqueId("a-to-b");
        try (WsClient ws = b.plainSocket()) {
            subscribe(ws, "jobId", jobId);
            JsonObjectBuilder[] events = {created(jobId, "ana"), progress(jobId, 10), progress(jobId, 40),
                    progress(jobId, 90), completed(jobId)};
            for (int i = 0; i < events.length; i++) {
                a.fire(null, events[i]);
                JsonObject data = ws.next().getJsonObject("data");
                assertEquals(i + 1, data.getInt("version"), "event " + (i + 1) + " of node A arrives on node B");
            }
        }
        assertTrue(b.metric("jobpulse_cluster_received_total", null) >= 5, "counted as received from another node");
    }

    @Test
    @Order(2)
    void eventsIngestedOverHttpOnNodeAReachASubscriberOnNodeBInOrder() {
        String jobId = uniqueId("ingest");
        String[] events = {
                "{'jobId':'JOB','userId':'ivy','type':'started','jobType':'nightly-etl'}",
                "{'jobId':'JOB','type':'progress','progress':30,'message':'extract'}",
                "{'jobId':'JOB','type':'progress','progress':70,'message':'load'}",
                "{'jobId':'JOB','type':'completed','result':{'rows':7}}"};
        try (WsClient ws = b.plainSocket()) {
            subscribe(ws, "jobId", jobId);
            for (int i = 0; i < events.length; i++) {
                HttpResponse<String> r = Http.post(a.http("api/jobs/events"),
                        events[i].replace("JOB", jobId).replace('\'', '"'));
                assertEquals(202, r.statusCode(), r.body());
                JsonObject data = ws.next().getJsonObject("data");
                assertEquals(i + 1, data.getInt("version"), "ingested event " + (i + 1) + " arrives on node B");
            }
        }
        assertEquals("completed", job(b, jobId).getString("status"));
    }

    @Test
    @Order(3)
    void aBurstOnNodeAArrivesOnNodeBInVersionOrderEndingWithTheTerminalEvent() {
        String jobId = uniqueId("burst");
        try (WsClient ws = b.plainSocket()) {
            subscribe(ws, "jobId", jobId);
            a.fire(null, created(jobId, "ben"), progress(jobId, 5), progress(jobId, 25), progress(jobId, 75),
                    event("failed", jobId).add("error", "Out of paper"));
            long last = 0;
            JsonObject frame;
            do {
                frame = ws.next();
                long version = frame.getJsonObject("data").getInt("version");
                assertTrue(version > last, "versions strictly increase on node B");
                last = version;
            } while (!"job.failed".equals(frame.getString("type")));
            assertEquals(5, last);
            assertEquals("Out of paper", frame.getJsonObject("data").getString("error"));
        }
    }

    @Test
    @Order(4)
    void pollingEitherNodeGivesTheSameAnswer() {
        String jobId = uniqueId("poll");
        a.fire(null, created(jobId, "cy"), progress(jobId, 30));
        assertEquals(job(a, jobId), job(b, jobId));
        b.fire(null, progress(jobId, 60));
        JsonObject onA = job(a, jobId);
        assertEquals(3, onA.getInt("version"));
        assertEquals(onA, job(b, jobId));
        assertEquals(Http.get(a.http("api/jobs/" + jobId)).headers().firstValue("ETag"),
                Http.get(b.http("api/jobs/" + jobId)).headers().firstValue("ETag"));
    }

    @Test
    @Order(5)
    void producersOnBothNodesNeverShareAVersion() {
        String jobId = uniqueId("both");
        a.fire(null, created(jobId, "dee"));
        JsonObjectBuilder[] batch = new JsonObjectBuilder[40];
        CompletableFuture<?> onA = CompletableFuture.runAsync(() -> a.fire("threads=4", progressBatch(jobId, batch)));
        CompletableFuture<?> onB = CompletableFuture.runAsync(() -> b.fire("threads=4", progressBatch(jobId, batch)));
        CompletableFuture.allOf(onA, onB).join();
        assertEquals(81, job(a, jobId).getInt("version"), "80 events on two nodes, each applied once");
        assertEquals(81, job(b, jobId).getInt("version"));
    }

    @Test
    @Order(5)
    void aJobStalledWhileBothNodesSweepEndsOnceForSubscribersOnEither() {
        String[] jobIds = {uniqueId("stall-1"), uniqueId("stall-2"), uniqueId("stall-3")};
        try (WsClient onA = a.plainSocket(); WsClient onB = b.plainSocket()) {
            subscribe(onA, "userId", "stella");
            subscribe(onB, "userId", "stella");
            for (String jobId : jobIds) {
                HttpResponse<String> r = Http.post(a.http("api/jobs/events"), "{\"jobId\":\"" + jobId
                        + "\",\"userId\":\"stella\",\"type\":\"started\",\"staleAfterSeconds\":2}");
                assertEquals(202, r.statusCode(), r.body());
            }
            for (WsClient ws : new WsClient[]{onA, onB}) {
                Map<String, JsonObject> latest = latestPerJob(ws, m -> m.size() == jobIds.length
                        && m.values().stream().allMatch(d -> "failed".equals(d.getString("status"))));
                latest.values().forEach(d -> {
                    assertEquals("stalled", d.getString("reason"));
                    assertEquals(2, d.getInt("version"), "one terminal change, decided by one node");
                });
                assertNull(ws.poll(Duration.ofSeconds(2)), "nothing after the end, from either node");
            }
        }
        for (String jobId : jobIds) {
            assertEquals(job(a, jobId), job(b, jobId));
        }
    }

    @Test
    @Order(6)
    void afterRedisWasCutOffEverySubscriberHasEveryTerminalEventAndTheLatestProgress() {
        String user = uniqueId("una");
        String[] jobs = {uniqueId("j1"), uniqueId("j2"), uniqueId("j3"), uniqueId("j4")};
        try (WsClient onA = a.plainSocket(); WsClient onB = b.plainSocket()) {
            subscribe(onA, "userId", user);
            subscribe(onB, "userId", user);

            redisProxy.cut();
            awaitReadiness(a, "jobpulse-redis", false);
            awaitReadiness(b, "jobpulse-redis", false);
            a.fire(null, created(jobs[0], user), progress(jobs[0], 30), completed(jobs[0]));
            a.fire(null, created(jobs[1], user), progress(jobs[1], 50), event("failed", jobs[1]).add("error", "x"));
            a.fire(null, created(jobs[2], user), progress(jobs[2], 40), progress(jobs[2], 70));
            b.fire(null, created(jobs[3], user), completed(jobs[3]));
            LibertyNode.sleep(3000);
            redisProxy.restore();
            awaitReadiness(a, "jobpulse-redis", true);
            awaitReadiness(b, "jobpulse-redis", true);

            Map<String, JsonObject> expected = new HashMap<>();
            for (String jobId : jobs) {
                expected.put(jobId, job(a, jobId));
            }
            assertEquals("running", expected.get(jobs[2]).getString("status"));
            for (WsClient ws : List.of(onA, onB)) {
                Map<String, JsonObject> latest = latestPerJob(ws, seen -> seen.keySet().containsAll(expected.keySet())
                        && expected.entrySet().stream().allMatch(e ->
                        seen.get(e.getKey()).getInt("version") == e.getValue().getInt("version")));
                for (String jobId : jobs) {
                    assertEquals(expected.get(jobId).getString("status"), latest.get(jobId).getString("status"));
                }
                assertEquals(70, latest.get(jobs[2]).getInt("progress"), "the latest progress of the running job");
            }

            String after = uniqueId("j5");
            a.fire(null, created(after, user));
            assertEquals(after, onB.next().getJsonObject("data").getString("jobId"), "live fan-out resumed");
        } finally {
            redisProxy.restore();
        }
    }

    @Test
    @Order(7)
    void databaseOutageTurnsReadinessDownUntilTheDatabaseAnswersAgain() {
        String before = uniqueId("before-db");
        a.fire(null, created(before, "walt"));
        postgresProxy.cut();
        try {
            awaitReadiness(a, "jobpulse-store", false);
            assertEquals(200, Http.get(a.root("health/live")).statusCode(), "liveness is not affected");
        } finally {
            postgresProxy.restore();
        }
        awaitReadiness(a, "jobpulse-store", true);
        String after = uniqueId("after-db");
        a.fire(null, created(after, "walt"), progress(after, 10));
        assertEquals(2, job(b, after).getInt("version"), "node A applies events again");
        assertEquals(1, job(a, before).getInt("version"));
    }

    @Test
    @Order(8)
    void aLongPollAndASocketOnNodeBHearOfAChangeIngestedOnNodeAWithinASecond() throws Exception {
        String jobId = uniqueId("lp-b");
        ingest(a, "{'jobId':'JOB','userId':'lou','type':'started'}".replace("JOB", jobId));
        try (WsClient ws = b.plainSocket()) {
            subscribe(ws, "jobId", jobId);
            assertEquals(1, ws.next().getJsonObject("data").getInt("version"), "the snapshot");
            CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(
                    () -> Http.get(b.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=20")));
            LibertyNode.sleep(1000);
            assertFalse(poll.isDone(), "the long-poll on node B waits while nothing changes");

            long start = System.nanoTime();
            ingest(a, "{'jobId':'JOB','type':'progress','progress':40}".replace("JOB", jobId));
            HttpResponse<String> answer = poll.get(20, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(2, Http.json(answer).asJsonObject().getInt("version"));
            assertTrue(millis < 1000, "answered " + millis + " ms after the change on node A");
            assertEquals(2, ws.next().getJsonObject("data").getInt("version"), "the socket on node B sees it too");
        }
    }

    /** With the stream cut, node B hears of nothing; a long-poll whose wait ends still reads the store. */
    @Test
    @Order(9)
    void aLongPollWhoseWaitEndsAnswersWithTheStoredStateWhenItMoved() throws Exception {
        String jobId = uniqueId("lp-cut");
        a.fire(null, created(jobId, "lou"));
        redisProxy.cut();
        try {
            awaitReadiness(b, "jobpulse-redis", false);
            CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(
                    () -> Http.get(b.http("api/jobs/" + jobId + "?afterVersion=1&waitSeconds=2")));
            LibertyNode.sleep(500);
            a.fire(null, progress(jobId, 60));
            HttpResponse<String> answer = poll.get(20, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), "the stored version moved while the request waited");
            assertEquals(2, Http.json(answer).asJsonObject().getInt("version"));
            assertEquals("\"2\"", answer.headers().firstValue("ETag").orElseThrow());
        } finally {
            redisProxy.restore();
        }
        awaitReadiness(a, "jobpulse-redis", true);
        awaitReadiness(b, "jobpulse-redis", true);
    }

    @Test
    @Order(99)
    void clientsOfAKilledNodeReconnectToTheOtherAndStillSeeTheEnd() {
        String jobId = uniqueId("survivor");
        try (WsClient onA = a.plainSocket()) {
            subscribe(onA, "jobId", jobId);
            a.fire(null, created(jobId, "vic"), progress(jobId, 30));
            while (onA.next().getJsonObject("data").getInt("version") < 2) {
                // wait for the second change
            }
            nodeA.kill();
            onA.awaitClose(Duration.ofSeconds(10));
        }
        try (WsClient onB = b.plainSocket()) {
            onB.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
            JsonObject ack = onB.next();
            assertEquals(30, ack.getJsonArray("jobs").getJsonObject(0).getInt("progress"), "state survived node A");
            assertEquals(2, onB.next().getJsonObject("data").getInt("version"), "snapshot after reconnecting");
            b.fire(null, progress(jobId, 80), completed(jobId));
            JsonObject frame;
            do {
                frame = onB.next();
            } while (!"job.completed".equals(frame.getString("type")));
            assertEquals(4, frame.getJsonObject("data").getInt("version"));
        }
    }

    private static JsonObjectBuilder[] progressBatch(String jobId, JsonObjectBuilder[] size) {
        JsonObjectBuilder[] events = new JsonObjectBuilder[size.length];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("progress", jobId).add("message", "m" + i);
        }
        return events;
    }

    private static void subscribe(WsClient ws, String field, String value) {
        ws.send("{\"op\":\"subscribe\",\"" + field + "\":\"" + value + "\"}");
        JsonObject ack = ws.next();
        assertEquals("ack", ack.getString("type"), ack.toString());
    }

    /** Reads frames until {@code done} holds for the latest state seen per job. */
    private static Map<String, JsonObject> latestPerJob(WsClient ws, Predicate<Map<String, JsonObject>> done) {
        Map<String, JsonObject> latest = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!done.test(latest)) {
            assertTrue(Instant.now().isBefore(deadline), "still missing changes: " + latest);
            JsonObject data = ws.next(Duration.ofSeconds(30)).getJsonObject("data");
            JsonObject previous = latest.get(data.getString("jobId"));
            assertTrue(previous == null || data.getInt("version") > previous.getInt("version"),
                    "versions of one job strictly increase on every connection");
            latest.put(data.getString("jobId"), data);
        }
        return latest;
    }

    private static void awaitReadiness(Server server, String check, boolean up) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = Http.get(server.root("health/ready"));
            boolean checkUp = Http.json(r).asJsonObject().getJsonArray("checks").stream()
                    .map(c -> c.asJsonObject())
                    .anyMatch(c -> check.equals(c.getString("name")) && "UP".equals(c.getString("status")));
            if (up ? r.statusCode() == 200 && checkUp : r.statusCode() == 503 && !checkUp) {
                return;
            }
            LibertyNode.sleep(200);
        }
        throw new AssertionError("readiness of " + server.root("") + " did not turn " + check + " "
                + (up ? "UP" : "DOWN") + ": " + Http.get(server.root("health/ready")).body());
    }

    private static void ingest(Server server, String json) {
        HttpResponse<String> r = Http.post(server.http("api/jobs/events"), json.replace('\'', '"'));
        assertEquals(202, r.statusCode(), r.body());
    }

    private static JsonObject job(Server server, String jobId) {
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + jobId));
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).asJsonObject();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
