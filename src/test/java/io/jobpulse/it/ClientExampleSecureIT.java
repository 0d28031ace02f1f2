package io.jobpulse.it;

import io.jobpulse.it.harness.ExampleAppClient;
import io.jobpulse.it.harness.ExamplePage;
import io.jobpulse.it.harness.SecureApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client package with security on, in a real browser: the token rides in the Socket.IO CONNECT
 * and on every HTTP call, and when it expires mid-job the client reconnects with the renewed one and
 * follows the job to its end.
 */
class ClientExampleSecureIT extends ExampleAppClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return ExamplePage.servedBy(SecureApp.war("jobpulse-client-secure-it", Map.of("jobpulse.demo.enabled", "true")));
    }

    @Test
    void whenTheTokenExpiresMidJobTheClientReconnectsWithTheRenewedOneAndFollowsTheJobToItsEnd() {
        String shortLived = SecureApp.IDP.forUser(userId).expiresIn(Duration.ofSeconds(10)).sign();
        page.open(server.http("client-example/index.html?user=" + userId + "&steps=60&stepMillis=300&token=" + shortLived));

        page.upload();
        // What an app's login library does before the old token runs out: the page reads it from there.
        browser.driver.executeScript("sessionStorage.setItem('jobpulse-token', arguments[0])",
                SecureApp.IDP.token(userId));

        page.waitUntil(Duration.ofSeconds(20), () -> "the server to announce the expiry; renewals: "
                + page.tokenExpiries(), d -> page.tokenExpiries() == 1);
        page.waitUntil(Duration.ofSeconds(10), () -> "the socket back; it shows " + page.connectionText(),
                d -> page.connectionText().startsWith("Connected") && !page.connectionText().contains("polling"));
        assertTrue(page.progress() < 100, "the job was still running when the token was renewed");
        page.waitForModal("completed", Duration.ofSeconds(40));
        assertEquals(100, page.progress());
        assertEquals(1, page.completedCalls());
        assertEquals(0, page.failedCalls());
    }
}
