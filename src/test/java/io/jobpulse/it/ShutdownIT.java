package io.jobpulse.it;

import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stopping the application tells connected clients to go elsewhere with 1001. */
@ExtendWith(ArquillianExtension.class)
class ShutdownIT {

    static final String NAME = "jobpulse-shutdown";

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive app() {
        return TestApp.war(NAME, Map.of());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void stoppingClosesEveryConnectionWithGoingAway() {
        deployer.deploy(NAME);
        URI ws = URI.create("ws://localhost:" + System.getProperty("it.http.port", "9180") + "/" + NAME + "/ws/jobs");
        try (WsClient client = WsClient.connect(ws)) {
            client.send("{\"op\":\"subscribe\",\"userId\":\"uma\"}");
            client.next();
            deployer.undeploy(NAME);
            assertEquals(1001, client.awaitClose(Duration.ofSeconds(20)));
        }
    }
}
