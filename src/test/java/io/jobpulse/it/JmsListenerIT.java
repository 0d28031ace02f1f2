package io.jobpulse.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static io.jobpulse.it.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded messaging engine listens on the network only when chosen (the listener file), and
 * then only with messaging security: the producers' account may send to the ingest queue and do
 * nothing else, a wrong password is refused. In-process JMS ingest works in both modes.
 */
class JmsListenerIT {

    @Test
    void byDefaultNothingListensEvenWithAPortConfiguredAndInProcessIngestWorks() {
        int port = freePort();
        int sslPort = freePort();
        try (LibertyNode node = new LibertyNode("itJmsDefault", 5,
                Map.of("JMS_PORT", String.valueOf(port), "JMS_SSL_PORT", String.valueOf(sslPort))).withMessaging().start()) {
            assertFalse(listening(port), "no wasJms listener on " + port);
            assertFalse(listening(sslPort), "no wasJms TLS listener on " + sslPort);
            assertIngestWorks(node.server());
            assertTrue(node.messages().contains("jobpulse JMS: embedded engine, in-process only"), "said at startup");
        }
    }

    @Test
    void theListenerNeedsCredentialsAndThePublisherMayOnlySend() throws IOException {
        int port = freePort();
        try (LibertyNode node = new LibertyNode("itJmsListener", 6, Map.of(
                "JMS_PORT", String.valueOf(port), "JMS_SSL_PORT", "-1",
                "JMS_HOST", "localhost",
                "JOBPULSE_JMS_PASSWORD", "publisher-secret", "JOBPULSE_JMS_ENGINE_PASSWORD", "engine-secret"))
                .withJmsListener()) {
            // a connection factory that reaches the engine the way a producer in another JVM does
            Files.writeString(node.outputDir().resolve("configDropins/overrides/remote-producer.xml"), """
                    <server>
                        <jmsConnectionFactory id="remoteProducer" jndiName="jms/test/remote">
                            <properties.wasJms remoteServerAddress="localhost:%d:BootstrapBasicMessaging"/>
                        </jmsConnectionFactory>
                    </server>
                    """.formatted(port));
            node.start();
            Server server = node.server();
            assertTrue(listening(port), "the chosen listener is open on " + port);
            assertIngestWorks(server);
            Map<String, String> outcomes = new java.util.TreeMap<>();
            outcomes.put("1 publisher send", access(server, "jobpulse-publisher", "publisher-secret", "send"));
            outcomes.put("2 publisher reads dead letters", access(server, "jobpulse-publisher", "publisher-secret",
                    "read-dead-letters"));
            outcomes.put("3 wrong password", access(server, "jobpulse-publisher", "wrong", "send"));
            outcomes.put("4 unknown user", access(server, "nobody", "", "send"));
            assertEquals("ok", outcomes.get("1 publisher send"), outcomes.toString());
            assertNotEquals("ok", outcomes.get("2 publisher reads dead letters"), outcomes.toString());
            assertNotEquals("ok", outcomes.get("3 wrong password"), outcomes.toString());
            assertNotEquals("ok", outcomes.get("4 unknown user"), outcomes.toString());
            assertTrue(node.messages().contains("messaging security on: producers log in as jobpulse-publisher"),
                    "said at startup");
        }
    }

    /** A started event sent through the engine by code inside the server reaches the job store. */
    private static void assertIngestWorks(Server server) {
        String job = uniqueId("jmsl");
        HttpResponse<String> sent = Http.post(server.http("api/test/jms/send?as=text&correlationId=" + uniqueId("c")),
                "text/plain", "{\"jobId\":\"" + job + "\",\"userId\":\"lee\",\"type\":\"started\"}");
        assertEquals(204, sent.statusCode(), sent.body());
        for (int i = 0; i < 100; i++) {
            if (Http.get(server.http("api/jobs/" + job)).statusCode() == 200) {
                return;
            }
            LibertyNode.sleep(100);
        }
        throw new AssertionError("the JMS event for " + job + " was not applied");
    }

    private static String access(Server server, String user, String password, String action) {
        HttpResponse<String> r = Http.post(server.http("api/test/jms/access?factory=jms/test/remote&user=" + user
                + "&password=" + password + "&action=" + action), "text/plain", "");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
