package io.jobpulse.it;

import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.LibertyNode;
import io.jobpulse.it.harness.Server;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded messaging engine listens on the network only when chosen ({@code JOBPULSE_JMS_LISTENER=on};
 * before, anyone who reached 7276/7286 could put events on the ingest queue and read the dead-letter
 * queue), and then every connection logs in: a producer in another JVM (a second Liberty server with
 * only a remote connection factory, so nothing can take an in-process shortcut) sends as the publisher
 * account; wrong passwords, unknown users and a user without the publisher role are refused, and the
 * publisher may not read the dead-letter queue. In-process JMS ingest works in both modes. JMS ingest
 * itself is off by default ({@code JOBPULSE_JMS=on} turns it on): then nothing of it is loaded, and the
 * listener alone opens nothing.
 */
class JmsListenerIT {

    static final String PUBLISHER_PASSWORD = "publisher-secret";

    @Test
    void byDefaultNothingOfJmsIsLoadedAndTheStartIsClean() {
        try (LibertyNode node = new LibertyNode("itJmsOff", 5, Map.of()).start()) {
            String log = node.messages();
            String features = log.lines().filter(l -> l.contains("CWWKF0012I")).findFirst().orElseThrow();
            for (String feature : new String[] {"messaging", "mdb-", "connectors-"}) {
                assertFalse(features.contains(feature), features);
            }
            assertTrue(log.contains("jms-off.xml") && !log.contains("jms-on.xml") && !log.contains("messaging.xml"), log);
            assertTrue(log.contains("jobpulse JMS ingest: off, no messaging engine for it (JOBPULSE_JMS=on turns it on)"),
                    "said at startup");
            // nothing about the message-driven beans, their bindings or the JMS types they use
            assertFalse(log.contains("CWNEN") || log.contains("WELD-000119") || log.contains("CNTR")
                    || log.contains("NoClassDefFoundError") || log.contains("CWWKG0084W"), log);
            // the only warnings: CDI's note on implicit archives, open mode, and the OpenAPI check of the
            // test archive's own /api/test resources (the product WAR's document validates cleanly)
            assertTrue(log.lines().filter(l -> l.contains(" W ") || l.contains(" E "))
                    .allMatch(l -> l.contains("CWOWB1009W") || l.contains("SECURITY IS OFF") || l.contains("CWWKO1650E")), log);
            assertEquals(200, Http.get(java.net.URI.create(node.url()).resolve("/health/ready")).statusCode());
            assertEquals(404, Http.get(node.server().http("api/jobs/" + uniqueId("x"))).statusCode(), "the application serves");
        }
    }

    @Test
    void theListenerWithoutJmsIngestOpensNothingAndDoesNotStartTheApplication() {
        int port = freePort();
        try (LibertyNode node = new LibertyNode("itJmsListenerOnly", 6, Map.of(
                "JOBPULSE_JMS_LISTENER", "on", "JOBPULSE_JMS_PORT", String.valueOf(port),
                "JOBPULSE_JMS_PASSWORD", PUBLISHER_PASSWORD, "JOBPULSE_JMS_ENGINE_PASSWORD", "engine-secret"))
                .startUntilLogged("jobpulse refuses to start")) {
            assertTrue(node.messages().contains("JMS ingest is off: set JOBPULSE_JMS=on as well"), "names the setting");
            assertFalse(listening(port), "no wasJms listener on " + port);
            assertFalse(node.messages().contains("messaging"), "no messaging feature or engine");
        }
    }

    @Test
    void nothingListensEvenWithThePortsSetAndInProcessIngestWorks() {
        int port = freePort();
        int sslPort = freePort();
        try (LibertyNode node = new LibertyNode("itJmsDefault", 5, Map.of("JOBPULSE_JMS", "on",
                "JMS_PORT", String.valueOf(port), "JMS_SSL_PORT", String.valueOf(sslPort))).start()) {
            assertFalse(listening(port), "no wasJms listener on " + port);
            assertFalse(listening(sslPort), "no wasJms TLS listener on " + sslPort);
            assertInProcessIngestWorks(node.server());
            assertTrue(node.messages().contains("jobpulse JMS ingest: on, embedded engine, in-process only (no network listener"),
                    "said at startup");
            assertFalse(node.messages().contains("CWWKG0084W"), "server.env's default names a file: no unresolved include");
        }
    }

    @Test
    void aChosenListenerRequiresCredentialsAndThePublisherRoleAndSaysSoAtStartup() {
        int port = freePort();
        try (LibertyNode node = new LibertyNode("itJmsListener", 6, Map.of("JOBPULSE_JMS", "on",
                "JOBPULSE_JMS_LISTENER", "on", "JOBPULSE_JMS_PORT", String.valueOf(port),
                "JOBPULSE_JMS_PASSWORD", PUBLISHER_PASSWORD, "JOBPULSE_JMS_ENGINE_PASSWORD", "engine-secret"))
                // an account the registry knows that has no messaging role
                .withConfig("configDropins/overrides/stranger.xml", """
                        <server>
                            <basicRegistry id="jobpulseJms"><user name="stranger" password="stranger-secret"/></basicRegistry>
                        </server>
                        """);
             LibertyNode producer = producerOf(port)) {
            node.start();
            assertTrue(listening(port), "the chosen listener is open on " + port);
            assertTrue(node.messages().contains("jobpulse JMS ingest: on, network listener on localhost:" + port
                    + " (plain TCP), requires credentials: producers log in as jobpulse-publisher"), "said at startup");
            assertInProcessIngestWorks(node.server());
            producer.start();

            String job = uniqueId("remote");
            assertEquals("ok", access(producer, "jobpulse-publisher", PUBLISHER_PASSWORD, "send", started(job)));
            assertApplied(node.server(), job);

            Map<String, String> refused = new TreeMap<>();
            refused.put("wrong password", access(producer, "jobpulse-publisher", "wrong", "send", started(uniqueId("x"))));
            refused.put("unknown user", access(producer, "nobody", "nothing", "send", started(uniqueId("x"))));
            refused.put("no credentials", access(producer, "", "", "send", started(uniqueId("x"))));
            refused.put("user without the publisher role", access(producer, "stranger", "stranger-secret", "send",
                    started(uniqueId("x"))));
            refused.put("the publisher reads dead letters", access(producer, "jobpulse-publisher", PUBLISHER_PASSWORD,
                    "read-dead-letters", ""));
            refused.forEach((what, outcome) -> assertNotEquals("ok", outcome, what + ": " + refused));
            assertTrue(refused.get("wrong password").contains("CWSIA0009E"), refused.toString()); // authentication failed
            assertTrue(refused.get("unknown user").contains("CWSIA0009E"), refused.toString());
            assertTrue(refused.get("user without the publisher role").contains("CWSIA0069E"), refused.toString()); // not authorised
        }
    }

    @Test
    void aListenerWithoutCredentialsDoesNotStartTheApplication() {
        int port = freePort();
        try (LibertyNode node = new LibertyNode("itJmsNoCredentials", 6, Map.of("JOBPULSE_JMS", "on",
                "JOBPULSE_JMS_LISTENER", "on", "JOBPULSE_JMS_PORT", String.valueOf(port)))
                .startUntilLogged("jobpulse refuses to start")) {
            assertTrue(node.messages().contains("JOBPULSE_JMS_PASSWORD is empty"), "names the variable to set");
            // the port is open, but Liberty drops accounts without a password (CWWKS3100E): no one can log in
            assertTrue(node.messages().contains("CWWKS3100E"), "the accounts without a password are refused");
            assertFalse(Http.get(node.server().http("api/jobs/x")).body().contains("unknown-job"), "the application serves nothing");
        }
    }

    /**
     * A server in another JVM whose only way to the engine is the listener: the producers' view. Its
     * jms-on.xml (the file jobpulse.xml includes with JOBPULSE_JMS=on) has only a JMS client and a remote factory.
     */
    private static LibertyNode producerOf(int port) {
        return new LibertyNode("itJmsProducer", 10, Map.of("JOBPULSE_JMS", "on")).withConfig("jms-on.xml", """
                <server>
                    <featureManager>
                        <feature>messaging-3.1</feature>
                        <feature>messagingClient-3.0</feature>
                        <feature>jndi-1.0</feature>
                    </featureManager>
                    <jmsConnectionFactory jndiName="jms/jobpulse/connectionFactory">
                        <properties.wasJms remoteServerAddress="localhost:%d:BootstrapBasicMessaging"/>
                    </jmsConnectionFactory>
                    <jmsQueue jndiName="jms/jobpulse/events"><properties.wasJms queueName="jobpulse.events"/></jmsQueue>
                    <jmsQueue jndiName="jms/jobpulse/deadLetters"><properties.wasJms queueName="jobpulse.events.dlq"/></jmsQueue>
                </server>
                """.formatted(port));
    }

    private static String started(String job) {
        return "{\"jobId\":\"" + job + "\",\"userId\":\"lee\",\"type\":\"started\"}";
    }

    private static String access(LibertyNode producer, String user, String password, String action, String body) {
        HttpResponse<String> r = Http.post(producer.server().http("api/test/jms/access?user=" + user + "&password="
                + password + "&action=" + action), "text/plain", body);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** A started event sent through the engine by code inside the server reaches the job store. */
    private static void assertInProcessIngestWorks(Server server) {
        String job = uniqueId("jmsl");
        HttpResponse<String> sent = Http.post(server.http("api/test/jms/send?as=text&correlationId=" + uniqueId("c")),
                "text/plain", started(job));
        assertEquals(204, sent.statusCode(), sent.body());
        assertApplied(server, job);
    }

    private static void assertApplied(Server server, String job) {
        for (int i = 0; i < 100 && Http.get(server.http("api/jobs/" + job)).statusCode() != 200; i++) {
            LibertyNode.sleep(100);
        }
        assertEquals(200, Http.get(server.http("api/jobs/" + job)).statusCode(), "the JMS event for " + job + " was applied");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
