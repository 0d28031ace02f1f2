package io.jobpulse.it;

import io.jobpulse.it.harness.FrontendSocket;
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

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a key configured every entry point wants a valid token: HTTP (401 problem JSON), the
 * {@code /ws/jobs} handshake (401 before the upgrade), the Socket.IO CONNECT (CONNECT_ERROR); sockets
 * from foreign pages are refused, and a socket lives no longer than its token.
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticationIT {

    static final TestTokens IDP = SecureApp.IDP;

    @Deployment(testable = false)
    static WebArchive app() {
        // Short Engine.IO heartbeats: the Java Socket.IO client ignores close frames and notices a
        // closed socket only by its missing pings.
        return SecureApp.war("jobpulse-authn", Map.of(
                "jobpulse.socketio.ping-interval-ms", "1000", "jobpulse.socketio.ping-timeout-ms", "1000"));
    }

    @ArquillianResource
    URL deployment;

    Server server;

    @BeforeEach
    void setUp() {
        server = new Server(deployment, IDP.token("test-admin", Caller.ADMIN));
    }

    /** Bad credentials and the reason the server must give for each; null stands for no token at all. */
    static Map<String, String> badTokens() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("a bearer token is required", null);
        bad.put("signature", IDP.forUser("alice").signedByAStranger().sign());
        bad.put("token expired", IDP.forUser("alice").expiresIn(Duration.ofMinutes(-1)).sign());
        bad.put("issuer", IDP.forUser("alice").issuer("https://evil.example/realms/test").sign());
        return bad;
    }

    static String[] auth(String token) {
        return token == null ? new String[0] : new String[]{"Authorization", "Bearer " + token};
    }

    @Test
    void everyHttpEntryPointRefusesAMissingOrBadTokenWith401AndTheReason() {
        badTokens().forEach((reason, token) -> {
            List<HttpResponse<String>> answers = List.of(
                    Http.get(server.http("api/jobs/some-job"), auth(token)),
                    Http.get(server.http("api/jobs?userId=alice"), auth(token)),
                    Http.postWith(server.http("api/jobs/events"),
                            "{\"jobId\":\"x\",\"userId\":\"alice\",\"type\":\"started\"}", auth(token)));
            for (HttpResponse<String> r : answers) {
                assertEquals(401, r.statusCode(), reason + ": " + r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                String detail = Http.json(r).asJsonObject().getString("detail");
                assertTrue(detail.contains(reason), "the reason is '" + reason + "', not: " + detail);
                assertFalse(r.body().contains("Exception") || r.body().contains("at io."), "no stack trace: " + r.body());
                String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
                assertTrue(challenge.startsWith("Bearer realm=\"jobpulse\""), challenge);
                assertEquals(token != null, challenge.contains("error=\"invalid_token\""), challenge);
            }
        });
    }

    @Test
    void thePlainSocketRefusesAMissingOrBadTokenWith401BeforeTheUpgrade() {
        badTokens().forEach((reason, token) -> {
            HttpResponse<String> byHeader = WsClient.refusal(server.ws("ws/jobs"), auth(token));
            assertNotNull(byHeader, reason + ": the handshake must not succeed");
            assertEquals(401, byHeader.statusCode());
            assertTrue(Http.json(byHeader).asJsonObject().getString("detail").contains(reason), byHeader.body());
            if (token != null) {
                HttpResponse<String> byQuery = WsClient.refusal(server.ws("ws/jobs?access_token=" + token));
                assertNotNull(byQuery, reason + " in access_token");
                assertEquals(401, byQuery.statusCode());
            }
        });
    }

    @Test
    void aSocketIoConnectWithAMissingOrBadTokenGetsConnectErrorWithTheReasonAndNoAccess() {
        badTokens().forEach((reason, token) -> {
            try (RawSocketIo client = RawSocketIo.open(server.ws(SecureApp.socketIo()))) {
                client.send(token == null ? "40" : "40{\"token\":\"" + token + "\"}");
                String refused = client.next();
                assertTrue(refused.startsWith("44{\"message\":"), refused);
                assertTrue(refused.contains(reason), reason + " in " + refused);
                // not joined: an event now is a protocol violation that closes the connection
                client.send("421[\"subscribe\",{\"userId\":\"alice\"}]");
                assertEquals(1008, client.awaitClose(Duration.ofSeconds(10)));
            }
        });
    }

    @Test
    void theSocketIoClientLibrarySeesARefusedTokenAsConnectError() {
        String expired = IDP.forUser("alice").expiresIn(Duration.ofMinutes(-1)).sign();
        try (FrontendSocket frontend = FrontendSocket.connect(server, Map.of("token", expired), s -> { })) {
            JsonObject error = FrontendSocket.take(frontend.connectErrors, "connect_error");
            assertEquals("token expired", error.getString("message"), error.toString());
            assertEquals(0, frontend.connects.get());
        }
    }

    @Test
    void aValidTokenOpensEveryEntryPoint() {
        String alice = IDP.token("alice");
        assertEquals(200, Http.get(server.http("api/jobs"), auth(alice)).statusCode());
        try (WsClient byHeader = WsClient.connect(server.ws("ws/jobs"), auth(alice));
             WsClient byQuery = WsClient.connect(server.ws("ws/jobs?access_token=" + alice));
             RawSocketIo socketIo = RawSocketIo.joined(server.ws(SecureApp.socketIo()), alice)) {
            for (WsClient ws : List.of(byHeader, byQuery)) {
                ws.send("{\"op\":\"subscribe\",\"userId\":\"alice\"}");
                assertEquals("ack", ws.next().getString("type"));
            }
            socketIo.send("421[\"subscribe\",{\"userId\":\"alice\"}]");
            assertTrue(socketIo.next().startsWith("431[{\"ok\":true"));
        }
    }

    @Test
    void aSocketFromAForeignPageIsRefusedWith403AndOneFromTheServersOwnPageIsNot() {
        String alice = IDP.token("alice");
        String foreign = "https://evil.example";
        String own = "http://" + server.ws("ws/jobs").getAuthority();
        for (String path : List.of("ws/jobs", SecureApp.socketIo())) {
            HttpResponse<String> refused = WsClient.refusal(server.ws(path), "Authorization", "Bearer " + alice, "Origin", foreign);
            assertNotNull(refused, path);
            assertEquals(403, refused.statusCode(), path);
            assertTrue(Http.json(refused).asJsonObject().getString("detail").contains("origin"), refused.body());
            assertNull(WsClient.refusal(server.ws(path), "Authorization", "Bearer " + alice, "Origin", own), path);
        }
    }

    @Test
    void demoProducersAreOffWhenSecurityIsOn() {
        String[] alice = auth(IDP.token("alice"));
        for (String path : List.of("api/demo/jobs", "api/demo/batch")) {
            HttpResponse<String> r = Http.postWith(server.http(path), "{}", alice);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("demo-disabled"), r.body());
        }
    }

    @Test
    void aPlainSocketIsClosedWith4401WhenItsTokenExpiresAndAFreshTokenResumes() {
        String shortLived = IDP.forUser("alice").expiresIn(Duration.ofSeconds(5)).sign();
        try (WsClient ws = WsClient.connect(server.ws("ws/jobs"), auth(shortLived))) {
            ws.send("{\"op\":\"subscribe\",\"userId\":\"alice\"}");
            assertEquals("ack", ws.next().getString("type"));
            assertEquals(4401, ws.awaitClose(Duration.ofSeconds(10)));
            assertEquals("token expired", ws.closeReason());
        }
        try (WsClient fresh = WsClient.connect(server.ws("ws/jobs"), auth(IDP.token("alice")))) {
            fresh.send("{\"op\":\"subscribe\",\"userId\":\"alice\"}");
            assertEquals("ack", fresh.next().getString("type"));
        }
    }

    @Test
    void aSocketIoClientIsToldItsTokenExpiredThenReconnectsWithAFreshOneAndReceivesAgain() throws InterruptedException {
        String user = uniqueId("carol");
        Map<String, String> auth = new HashMap<>(Map.of("token", IDP.forUser(user).expiresIn(Duration.ofSeconds(5)).sign()));
        LinkedBlockingQueue<String> expired = new LinkedBlockingQueue<>();
        try (FrontendSocket frontend = FrontendSocket.connect(server, auth, s -> s.subscribe(Map.of("userId", user)))) {
            frontend.socket.on("auth:expired", args -> {
                expired.add(String.valueOf(args[0]));
                auth.put("token", IDP.token(user)); // what an auth callback does: fetch a fresh token
            });
            assertTrue(frontend.nextAck().getBoolean("ok"));

            String notice = expired.poll(10, TimeUnit.SECONDS);
            assertNotNull(notice, "auth:expired before the close");
            assertTrue(notice.contains("token expired"), notice);
            assertNotEquals("io server disconnect", FrontendSocket.take(frontend.disconnects, "disconnect"),
                    "no Socket.IO DISCONNECT, so the client reconnects");
            frontend.awaitConnects(2);
            assertTrue(frontend.nextAck().getBoolean("ok"), "subscribed again with the fresh token");

            String jobId = uniqueId("renewed");
            server.fire(null, created(jobId, user));
            assertEquals(jobId, frontend.nextEvent().data().getString("jobId"));
        }
    }

    @Test
    void onTheWireAnExpiredSocketIoConnectionGetsAuthExpiredThen4401AndNoDisconnectPacket() {
        String shortLived = IDP.forUser("alice").expiresIn(Duration.ofSeconds(5)).sign();
        try (RawSocketIo client = RawSocketIo.joined(server.ws(SecureApp.socketIo()), shortLived)) {
            String last = client.poll(Duration.ofSeconds(10));
            assertEquals("42[\"auth:expired\",{\"message\":\"token expired; reconnect with a fresh token\"}]", last);
            assertEquals(4401, client.awaitClose(Duration.ofSeconds(5)));
        }
    }

    @Test
    void withAKeyTheServerSaysSecurityIsOnAndWhatItChecks() {
        assertTrue(Server.serverLog().contains("jobpulse security is on: tokens required on every socket and HTTP call "
                + "(key from mp.jwt.verify.publickey, algorithm RS256, issuer " + TestTokens.ISSUER), "an info line in messages.log");
    }

    /**
     * jobpulse.ws.max-connections-per-user (20) counts a user's open connections on both endpoints,
     * whether or not they subscribe: the 21st Socket.IO CONNECT is refused, a 21st /ws/jobs socket is
     * closed with 1008, and closing one makes room again.
     */
    @Test
    void aUserMayHoldOnlySoManyConnectionsSubscribedOrNot() throws InterruptedException {
        String token = IDP.forUser(uniqueId("crowd")).sign();
        List<Runnable> closers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                closers.add(WsClient.connect(server.ws("ws/jobs"), auth(token))::close);
                closers.add(RawSocketIo.joined(server.ws(SecureApp.socketIo()), token)::close);
            }
            assertEquals("44{\"message\":", connectAnswer(token).substring(0, 13));
            assertTrue(connectAnswer(token).contains("20 connections open"));
            try (WsClient plain = WsClient.connect(server.ws("ws/jobs"), auth(token))) {
                assertEquals(1008, plain.awaitClose(Duration.ofSeconds(10)));
            }
            closers.remove(0).run();
            String answer = connectAnswer(token);
            for (int attempt = 0; attempt < 50 && !answer.startsWith("40{"); attempt++) {
                Thread.sleep(100); // the server learns of the close asynchronously
                answer = connectAnswer(token);
            }
            assertTrue(answer.startsWith("40{\"sid\":"), "room again after a close: " + answer);
        } finally {
            closers.forEach(Runnable::run);
        }
    }

    /** The answer to a Socket.IO CONNECT with {@code token} on a new socket, which is then closed. */
    private String connectAnswer(String token) {
        try (RawSocketIo client = RawSocketIo.open(server.ws(SecureApp.socketIo()))) {
            client.send("40{\"token\":\"" + token + "\"}");
            return client.next();
        }
    }
}
