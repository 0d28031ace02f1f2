package io.jobpulse.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/**
 * Base of the ITs that run as clients against one Arquillian deployment of the application. Each
 * subclass declares its own {@code @Deployment(testable = false)} (most use {@code TestApp.war()}).
 */
@ExtendWith(ArquillianExtension.class)
abstract class ArquillianClient {

    @ArquillianResource
    URL deployment;

    /** Addresses and producer shortcuts of the deployment under test. */
    Server server;

    @BeforeEach
    void connectToDeployment() {
        server = new Server(deployment);
    }
}
