package io.jobpulse.it;

import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.LibertyNode;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.WsClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real servers with the settings a deployment has (no test defaults): settings that do not add up
 * keep the application closed instead of opening it, with a message that says what to fix; open mode
 * is there only when chosen, and then on loopback.
 */
class SecureStartupIT {

    private static final String REFUSED = "jobpulse refuses to start";

    @Test
    void aBlankKeyLocationKeepsTheServerClosed() {
        try (LibertyNode node = new LibertyNode("itSecureBlank", 7, Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", ""))
                .asDeployed().startUntilLogged("CWWKZ0002E")) {
            assertTrue(node.messages().contains(REFUSED + ": jobpulse.security.mode=secured (the default) needs "
                    + "mp.jwt.verify.publickey or mp.jwt.verify.publickey.location"), "the reason is logged");
            Server server = node.server();
            HttpResponse<String> job = Http.get(server.http("api/jobs/anything"));
            assertFalse(job.body().contains("unknown-job"), "the application serves nothing: " + job.statusCode());
            assertNotEquals(201, Http.post(server.http("api/demo/jobs"), "{\"userId\":\"x\"}").statusCode());
            assertNotEquals(202, Http.post(server.http("api/jobs/events"),
                    "{\"jobId\":\"j\",\"userId\":\"x\",\"type\":\"started\"}").statusCode());
            assertNotNull(WsClient.refusal(server.ws("ws/jobs")), "no socket is upgraded");
            assertNotEquals(200, Http.get(server.root("health/ready")).statusCode(), "not ready");
            assertTrue(node.messages().contains("listening for requests on host localhost"), "loopback by default");
        }
    }

    @Test
    void aKeyFetchedOverPlainHttpIsRefused() {
        try (LibertyNode node = new LibertyNode("itSecureHttpKey", 8, Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://keys.example.com/jwks.json",
                "MP_JWT_VERIFY_ISSUER", "https://issuer.example.com", "MP_JWT_VERIFY_AUDIENCES", "jobpulse"))
                .asDeployed().startUntilLogged("CWWKZ0002E")) {
            assertTrue(node.messages().contains("mp.jwt.verify.publickey.location must be an https:// URL or a file"),
                    "the reason is logged");
        }
    }

    @Test
    void openModeOnlyWhenChosenAndThenOnLoopback() {
        try (LibertyNode node = new LibertyNode("itSecureOpen", 9, Map.of("JOBPULSE_SECURITY_MODE", "open"))
                .asDeployed().start()) {
            assertTrue(node.messages().contains("jobpulse SECURITY IS OFF (jobpulse.security.mode=open)"));
            assertTrue(node.messages().contains("listening for requests on host localhost"), "loopback by default");
        }
    }
}
