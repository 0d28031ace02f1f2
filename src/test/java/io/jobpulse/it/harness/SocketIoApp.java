package io.jobpulse.it.harness;

import io.jobpulse.testsupport.conformance.ConformanceNamespace;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test archives for {@code /socket.io/}: the usual test app with Socket.IO timings short enough to
 * watch several heartbeats in a test, set the way an operator would, as MicroProfile Config
 * properties (here inside the archive, so each IT class can choose its own).
 */
public final class SocketIoApp {

    private SocketIoApp() {
    }

    public static WebArchive withTimings(long pingIntervalMs, long pingTimeoutMs, long connectTimeoutMs) {
        return TestApp.war().addAsResource(new StringAsset(
                "jobpulse.socketio.ping-interval-ms=" + pingIntervalMs + "\n"
                        + "jobpulse.socketio.ping-timeout-ms=" + pingTimeoutMs + "\n"
                        + "jobpulse.socketio.connect-timeout-ms=" + connectTimeoutMs + "\n"),
                "META-INF/microprofile-config.properties");
    }

    /**
     * The server the official protocol test suites expect: pingInterval 300, pingTimeout 200,
     * connect timeout 1000, maxPayload 1000000, and their echo handlers (the {@code conformance}
     * test-support package).
     */
    public static WebArchive conformance() {
        return withTimings(300, 200, 1000).addPackage(ConformanceNamespace.class.getPackage());
    }
}
