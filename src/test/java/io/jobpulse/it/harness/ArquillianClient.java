package io.jobpulse.it.harness;

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
public abstract class ArquillianClient {

    @ArquillianResource
    protected URL deployment;

    /** Addresses and producer shortcuts of the deployment under test. */
    protected Server server;

    @BeforeEach
    protected void connectToDeployment() {
        server = new Server(deployment);
    }
}
