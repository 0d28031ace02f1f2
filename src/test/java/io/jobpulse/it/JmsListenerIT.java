package io.jobpulse.it;

import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.LibertyNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The embedded messaging engine does not listen on the network (before, anyone who reached
 * 7276/7286 could put events on the ingest queue and read the dead-letter queue), even with the JMS
 * port variables of earlier versions set; in-process JMS ingest still works.
 */
class JmsListenerIT {

    @Test
    void nothingListensEvenWithThePortsSetAndInProcessIngestWorks() {
        int port = freePort();
        int sslPort = freePort();
        try (LibertyNode node = new LibertyNode("itJmsDefault", 5,
                Map.of("JMS_PORT", String.valueOf(port), "JMS_SSL_PORT", String.valueOf(sslPort))).withMessaging().start()) {
            assertFalse(listening(port), "no wasJms listener on " + port);
            assertFalse(listening(sslPort), "no wasJms TLS listener on " + sslPort);
            String job = uniqueId("jmsl");
            HttpResponse<String> sent = Http.post(node.server().http("api/test/jms/send?as=text&correlationId=" + uniqueId("c")),
                    "text/plain", "{\"jobId\":\"" + job + "\",\"userId\":\"lee\",\"type\":\"started\"}");
            assertEquals(204, sent.statusCode(), sent.body());
            for (int i = 0; i < 100 && Http.get(node.server().http("api/jobs/" + job)).statusCode() != 200; i++) {
                LibertyNode.sleep(100);
            }
            assertEquals(200, Http.get(node.server().http("api/jobs/" + job)).statusCode(), "the JMS event was applied");
        }
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
