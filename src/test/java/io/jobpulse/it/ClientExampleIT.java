package io.jobpulse.it;

import io.jobpulse.it.harness.ExampleAppClient;
import io.jobpulse.it.harness.ExamplePage;
import io.jobpulse.it.harness.TestApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser client package (src/client) in a real browser: its example app, as the Maven build
 * made it, served by the deployment under test and driven in headless Chromium. An upload is
 * tracked live to its end, a cut socket falls back to polling and comes back, and the completed and
 * failed callbacks each fire once. Screenshots land in target/screenshots/.
 */
class ClientExampleIT extends ExampleAppClient {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(40);

    @Deployment(testable = false)
    static WebArchive app() {
        return ExamplePage.servedBy(TestApp.war("jobpulse-client-it", Map.of()));
    }

    @Test
    void anUploadIsTrackedLiveToItsEndAndCallsBackOnce() {
        open(10, 150);

        page.upload();

        page.waitForModal("completed", JOB_TIMEOUT);
        assertEquals(100, page.progress());
        assertEquals("Upload processed", page.modalTitle());
        assertTrue(page.modalText("outcome").contains("\"records\""), page.modalText("outcome"));
        assertTrue(page.connectionText().contains("Progress: 100%"), page.connectionText());
        page.waitUntil(Duration.ofSeconds(10), () -> "the finished-jobs query refetched after the invalidation",
                d -> "1".equals(page.text("finished-jobs")));
        assertEquals(1, page.completedCalls());
        assertEquals(0, page.failedCalls());
        browser.screenshot("client-completed");

        page.modal().findElement(By.xpath(".//button[normalize-space()='Close']")).click();
        page.waitUntil(Duration.ofSeconds(5), () -> "the modal to close", d -> "(no modal)".equals(page.modalState()));
        assertEquals(1, page.completedCalls(), "closing calls nothing back");
    }

    @Test
    void aFailingUploadShowsItsErrorAndCallsOnJobFailedOnce() {
        open(10, 100);
        page.simulateFailure();

        page.upload();

        page.waitForModal("failed", JOB_TIMEOUT);
        assertEquals("Processing failed", page.modalTitle());
        assertTrue(page.modalText("outcome").contains("Simulated failure at step 7 of 10"), page.modalText("outcome"));
        assertTrue(page.progress() < 100);
        assertEquals(1, page.failedCalls());
        assertEquals(0, page.completedCalls());
        browser.screenshot("client-failed");
    }

    @Test
    void whenTheSocketIsCutThePagePollsTheJobThenReturnsToTheSocket() {
        open(50, 300);
        String jobId = page.upload();
        page.waitUntil(JOB_TIMEOUT, () -> "live progress; it shows " + page.progress() + " %", d -> page.progress() >= 10);

        // Reconnect attempts in the next 5 s are refused (503); a later one, within the 5 attempts, gets in.
        server.cutSockets(5);

        page.waitUntil(Duration.ofSeconds(5), () -> "the polling fallback; it shows " + page.connectionText(),
                d -> page.connectionText().contains("Using polling fallback"));
        assertTrue(page.connectionText().startsWith("Disconnected"), page.connectionText());
        int atCut = page.progress();
        page.waitUntil(Duration.ofSeconds(8), () -> "the bar moving by polling past " + atCut + " %",
                d -> page.connectionText().contains("Using polling fallback") && page.progress() > atCut);
        browser.screenshot("client-polling");

        page.waitUntil(Duration.ofSeconds(20), () -> "the socket back; it shows " + page.connectionText(),
                d -> page.connectionText().startsWith("Connected") && !page.connectionText().contains("polling"));
        assertTrue(server.subscribed("job:" + jobId), "the page subscribed to its job again");
        page.waitForModal("completed", JOB_TIMEOUT);
        assertEquals(100, page.progress());
        assertEquals(1, page.completedCalls());
        assertEquals(0, page.failedCalls());
    }

    /** Opens the example as a fresh user whose uploads take {@code steps} steps of {@code stepMillis}. */
    private void open(int steps, int stepMillis) {
        page.open(server.http("client-example/index.html?user=" + userId + "&steps=" + steps
                + "&stepMillis=" + stepMillis));
        assertFalse(page.connectionText().contains("Using polling fallback"));
    }
}
