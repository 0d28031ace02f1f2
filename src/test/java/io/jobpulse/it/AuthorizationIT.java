package io.jobpulse.it;

import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.RawSocketIo;
import io.jobpulse.it.harness.SecureApp;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.WsClient;
import io.jobpulse.security.Caller;
import io.jobpulse.security.TestTokens;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With security on a user sees only their own jobs, on every path a job can take to a client: a
 * userId subscription, a jobId subscription (even one made before another user created the job),
 * snapshots, polling, listing. {@code job-admin} sees everything; ingest needs {@code job-publisher};
 * floods are rate-limited.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationIT {

    static final TestTokens IDP = SecureApp.IDP;

    @Deployment(testable = false)
    static WebArchive app() {
        return SecureApp.war("jobpulse-authz", Map.of(
                "jobpulse.ingest.burst", "5", "jobpulse.ingest.rate", "1",
                "jobpulse.ws.subscribe-burst", "30", "jobpulse.ws.subscribe-rate", "1"));
    }

    @ArquillianResource
    URL deployment;

    Server server;
    String alice;
    String bob;
    String admin;

    @BeforeEach
    void setUp() {
        alice = uniqueId("alice");
        bob = uniqueId("bob");
        admin = IDP.token("root", Caller.ADMIN);
        server = new Server(deployment, admin);
    }

    WsClient plain(String user) {
        return WsClient.connect(server.ws("ws/jobs"), "Authorization", "Bearer " + IDP.token(user));
    }

    static JsonObject subscribe(WsClient ws, String field, String value) {
        ws.send("{\"op\":\"subscribe\",\"" + field + "\":\"" + value + "\"}");
        return ws.next();
    }

    static String[] as(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    @Test
    void aUserCannotSubscribeToAnotherUsersJobsOnEitherEndpoint() {
        try (WsClient ws = plain(alice);
             RawSocketIo socketIo = RawSocketIo.joined(server.ws(SecureApp.socketIo()), IDP.token(alice))) {
            JsonObject refused = subscribe(ws, "userId", bob);
            assertEquals("error", refused.getString("type"));
            assertEquals("forbidden", refused.getString("code"));
            assertEquals("ack", subscribe(ws, "userId", alice).getString("type"), "their own is fine");

            socketIo.send("421[\"subscribe\",{\"userId\":\"" + bob + "\"}]");
            String ack = socketIo.next();
            assertTrue(ack.startsWith("431[{\"ok\":false,\"error\":{\"code\":\"forbidden\""), ack);
        }
    }

    @Test
    void aJobIdSubscriptionMadeBeforeAnotherUserCreatedTheJobNeverDeliversIt() {
        String jobId = uniqueId("guessed");
        try (WsClient owner = plain(bob);
             WsClient early = plain(alice);
             RawSocketIo earlySocketIo = RawSocketIo.joined(server.ws(SecureApp.socketIo()), IDP.token(alice))) {
            assertEquals("ack", subscribe(owner, "userId", bob).getString("type"));
            JsonObject ack = subscribe(early, "jobId", jobId);
            assertTrue(ack.getJsonArray("jobs").isEmpty());
            earlySocketIo.send("421[\"subscribe\",{\"jobId\":\"" + jobId + "\"}]");
            assertTrue(earlySocketIo.next().startsWith("431[{\"ok\":true"));

            server.fire(null, created(jobId, bob), progress(jobId, 50), completed(jobId));

            owner.awaitData(d -> "completed".equals(d.getString("status"))); // the owner got the whole job
            assertNull(early.poll(Duration.ofSeconds(1)), "nothing for the early non-owner");
            assertNull(earlySocketIo.poll(Duration.ofSeconds(1)), "nothing on Socket.IO either");
            assertTrue(subscribe(early, "jobId", jobId).getJsonArray("jobs").isEmpty(), "nor in a new snapshot");
        }
    }

    @Test
    void pollingAnotherUsersJobLooksExactlyLikeAnUnknownJob() {
        String bobsJob = uniqueId("bobs");
        String alicesJob = uniqueId("alices");
        server.fire(null, created(bobsJob, bob), created(alicesJob, alice));
        String[] asAlice = as(IDP.token(alice));

        HttpResponse<String> foreign = Http.get(server.http("api/jobs/" + bobsJob), asAlice);
        HttpResponse<String> unknown = Http.get(server.http("api/jobs/" + uniqueId("nothing")), asAlice);
        assertEquals(404, foreign.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(Http.json(unknown).asJsonObject().getString("type"), Http.json(foreign).asJsonObject().getString("type"));
        assertEquals(404, Http.get(server.http("api/jobs/" + bobsJob + "?afterVersion=0&waitSeconds=1"), asAlice).statusCode());
        assertEquals(200, Http.get(server.http("api/jobs/" + alicesJob), asAlice).statusCode());

        assertEquals(403, Http.get(server.http("api/jobs?userId=" + bob), asAlice).statusCode());
        HttpResponse<String> own = Http.get(server.http("api/jobs"), asAlice);
        assertEquals(200, own.statusCode(), "without userId a user lists their own jobs");
        assertTrue(own.body().contains(alicesJob) && !own.body().contains(bobsJob), own.body());
    }

    @Test
    void anAdminSeesEveryonesJobsEverywhere() {
        String bobsJob = uniqueId("bobs");
        server.fire(null, created(bobsJob, bob));
        assertEquals(200, Http.get(server.http("api/jobs/" + bobsJob), as(admin)).statusCode());
        HttpResponse<String> list = Http.get(server.http("api/jobs?userId=" + bob), as(admin));
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains(bobsJob));
        try (WsClient ws = WsClient.connect(server.ws("ws/jobs"), as(admin))) {
            assertEquals(bobsJob, subscribe(ws, "userId", bob).getJsonArray("jobs").getJsonObject(0).getString("jobId"));
            ws.next(); // the snapshot
            subscribe(ws, "jobId", bobsJob);
            server.fire(null, progress(bobsJob, 30));
            assertEquals(30, ws.awaitData(d -> d.getInt("progress") == 30).getInt("progress"));
        }
    }

    @Test
    void ingestNeedsThePublisherRole() {
        String event = "{\"jobId\":\"" + uniqueId("ingested") + "\",\"userId\":\"" + bob + "\",\"type\":\"started\"}";
        for (String token : List.of(IDP.token(alice), admin)) {
            HttpResponse<String> refused = Http.postWith(server.http("api/jobs/events"), event, as(token));
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(Http.json(refused).asJsonObject().getString("detail").contains(Caller.PUBLISHER));
        }
        HttpResponse<String> accepted = Http.postWith(server.http("api/jobs/events"), event,
                as(IDP.token(uniqueId("scheduler"), Caller.PUBLISHER)));
        assertEquals(202, accepted.statusCode(), accepted.body());
    }

    @Test
    void anIngestFloodGets429WithRetryAfterAndOtherPublishersGoOn() {
        String flooder = IDP.token(uniqueId("flooder"), Caller.PUBLISHER);
        String jobId = uniqueId("flood");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> r = Http.postWith(server.http("api/jobs/events"),
                    "{\"jobId\":\"" + jobId + "\",\"userId\":\"" + bob + "\",\"type\":\"progress\",\"progress\":" + i + "}", as(flooder));
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertTrue(limited != null, "the burst of 5 is exceeded within 10 requests");
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0")) >= 1);
        assertEquals("urn:jobpulse:problem:rate-limited", Http.json(limited).asJsonObject().getString("type"));
        HttpResponse<String> other = Http.postWith(server.http("api/jobs/events"),
                "{\"jobId\":\"" + uniqueId("calm") + "\",\"userId\":\"" + bob + "\",\"type\":\"started\"}",
                as(IDP.token(uniqueId("calm-publisher"), Caller.PUBLISHER)));
        assertEquals(202, other.statusCode(), other.body());
    }

    @Test
    void aSubscribeFloodIsRateLimitedOnItsOwnConnectionOnly() {
        try (WsClient flooder = plain(alice); WsClient calm = plain(bob)) {
            for (int i = 0; i < 40; i++) {
                flooder.send("{\"op\":\"subscribe\",\"jobId\":\"flood-" + i + "\"}");
            }
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                JsonObject reply = flooder.next();
                if ("rate_limited".equals(reply.getString("code", ""))) {
                    limited++;
                }
            }
            assertTrue(limited >= 5, "beyond the burst of 30 requests are refused, got " + limited);
            assertFalse(flooder.isClosed(), "refused, not disconnected");
            assertEquals("ack", subscribe(calm, "userId", bob).getString("type"));
        }
    }

    @Test
    void aSocketIoClientRetryingRefusedConnectsIsRateLimitedToo() {
        try (RawSocketIo client = RawSocketIo.open(server.ws(SecureApp.socketIo()))) {
            for (int i = 0; i < 35; i++) {
                client.send("40{\"token\":\"forged-" + i + "\"}");
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                answers.add(client.next());
            }
            assertTrue(answers.stream().allMatch(a -> a.startsWith("44{\"message\":")), answers.toString());
            assertTrue(answers.get(34).contains("slow down"), "past the burst of 30: " + answers.get(34));
        }
    }

    @Test
    void onlyTheOwnerOrAnAdminMayCancelAJob() {
        String bobsJob = uniqueId("bobs-cancel");
        String adminsPick = uniqueId("admins-cancel");
        server.fire(null, created(bobsJob, bob), created(adminsPick, bob));
        URI cancel = server.http("api/jobs/" + bobsJob + "/cancel");

        HttpResponse<String> foreign = Http.postWith(cancel, "", as(IDP.token(alice)));
        assertEquals(404, foreign.statusCode(), "another user's job looks unknown: " + foreign.body());
        try (WsClient ws = plain(alice)) {
            ws.send("{\"op\":\"cancel\",\"jobId\":\"" + bobsJob + "\"}");
            assertEquals("unknown_job", ws.next().getString("code"));
        }
        assertFalse(Http.json(Http.get(server.http("api/jobs/" + bobsJob), as(admin))).asJsonObject()
                        .getBoolean("cancelRequested"),
                "refused requests changed nothing");

        HttpResponse<String> owner = Http.postWith(cancel, "", as(IDP.token(bob)));
        assertEquals(202, owner.statusCode(), owner.body());
        assertTrue(Http.json(owner).asJsonObject().getBoolean("cancelRequested"));
        HttpResponse<String> byAdmin = Http.postWith(server.http("api/jobs/" + adminsPick + "/cancel"), "", as(admin));
        assertEquals(202, byAdmin.statusCode(), byAdmin.body());
        assertEquals(401, Http.post(cancel, "").statusCode(), "no token, no cancellation");
    }
}
