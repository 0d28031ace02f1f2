package io.jobpulse.it;

import io.jobpulse.it.harness.Browser;
import io.jobpulse.it.harness.DemoPage;
import io.jobpulse.it.harness.DemoPage.JobCard;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.TestApp;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo page in a real browser (headless Chromium): live progress, failures, the polling
 * fallback while the socket is cut, reloads, tracking by id, keyboard use and a phone-width layout.
 * Screenshots land in target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class PageIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("jobpulse-page-it", Map.of());
    }

    @ArquillianResource
    URL deployment;

    Server server;
    Browser browser;
    DemoPage page;
    String userId;

    @BeforeEach
    void setUp() {
        server = new Server(deployment);
        browser = Browser.start();
        page = new DemoPage(browser.driver);
        userId = Server.uniqueId("page");
    }

    @AfterEach
    void tearDown() {
        server.allowSockets();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aDemoJobFillsItsBarLiveAndShowsItsResult() {
        page.open(deployment, userId);
        assertEquals("websocket", page.transport());
        assertTrue(page.connectionText().contains("Live"), page.connectionText());

        JobCard card = page.startCdiJob(10, 150, false);

        page.waitForStatus(card, "completed", JOB_TIMEOUT);
        assertEquals(100, card.progress());
        assertEquals("Completed", card.text("status"));
        assertTrue(card.text("outcome").contains("\"records\":500"), card.text("outcome"));
        assertEquals("socket", card.source(), "the end arrived over the WebSocket");
        browser.screenshot("finished");
    }

    @Test
    void aFailingDemoJobShowsItsError() {
        page.open(deployment, userId);

        JobCard card = page.startCdiJob(10, 100, true);

        page.waitForStatus(card, "failed", JOB_TIMEOUT);
        assertEquals("Failed", card.text("status"));
        assertTrue(card.text("outcome").contains("Simulated failure at step 7 of 10"), card.text("outcome"));
        assertTrue(card.progress() < 100);
        browser.screenshot("failed");
    }

    @Test
    void cancelOnARunningCardStopsTheJob() {
        page.open(deployment, userId);
        JobCard card = page.startCdiJob(100, 200, false);
        page.waitUntil(JOB_TIMEOUT, () -> "progress; it shows " + card, d -> card.progress() > 0);

        card.cancel();

        page.waitForStatus(card, "cancelled", JOB_TIMEOUT);
        assertEquals("Cancelled", card.text("status"));
        assertTrue(card.text("outcome").contains("Cancelled at step"), card.text("outcome"));
        assertTrue(card.progress() < 100);
        browser.screenshot("cancelled");
    }

    @Test
    void whileTheSocketIsCutThePagePollsTheJobToItsEndThenGoesLiveAgain() {
        page.open(deployment, userId);
        JobCard card = page.startCdiJob(12, 300, false);
        page.waitUntil(JOB_TIMEOUT, () -> "live progress; it shows " + card,
                d -> "socket".equals(card.source()) && card.progress() >= 8);

        // Reconnect attempts at about 1, 3 and 7 s are refused; the 4th, at about 12 s, gets in.
        server.cutSockets(10);

        page.waitUntil(Duration.ofSeconds(5), () -> "polling; it shows " + page.connectionText(),
                d -> "polling".equals(page.transport()));
        assertEquals("reconnecting", page.connectionState());
        assertTrue(page.connectionText().contains("polling every 3 s"), page.connectionText());
        page.waitUntil(Duration.ofSeconds(8), () -> "a polled state; it shows " + card,
                d -> "poll".equals(card.source()));
        browser.screenshot("polling");

        page.waitForStatus(card, "completed", Duration.ofSeconds(10));
        assertEquals("poll", card.source(), "the end arrived by polling while the socket was down");
        assertEquals(100, card.progress());
        assertEquals("polling", page.transport());

        page.waitForConnection("connected", Duration.ofSeconds(20));
        assertEquals("websocket", page.transport());
        assertTrue(server.subscribed("user:" + userId), "the page subscribed again after reconnecting");
        JobCard next = page.startCdiJob(5, 150, false);
        page.waitForStatus(next, "completed", JOB_TIMEOUT);
        assertEquals("socket", next.source(), "live again: the next job's end came over the WebSocket");
        assertEquals("completed", card.status(), "the resubscribe did not move the first card");
    }

    @Test
    void afterFiveFailedReconnectsThePageKeepsPollingUntilAskedToReconnect() {
        page.open(deployment, userId);
        JobCard card = page.startCdiJob(60, 500, false);
        page.waitUntil(JOB_TIMEOUT, () -> "progress; it shows " + card, d -> card.progress() > 0);

        server.cutSockets(120);

        // Attempts after 1 + 2 + 4 + 5 + 5 s, all refused: then the page stops trying.
        page.waitForConnection("offline", Duration.ofSeconds(30));
        assertTrue(page.connectionText().contains("no connection after 5 attempts"), page.connectionText());
        WebElement reconnect = browser.driver.findElement(By.id("reconnect"));
        assertTrue(reconnect.isDisplayed());
        int polled = card.progress();
        page.waitUntil(Duration.ofSeconds(10), () -> "polled progress past " + polled + "; it shows " + card,
                d -> card.progress() > polled && "poll".equals(card.source()));
        browser.screenshot("offline");

        server.allowSockets();
        reconnect.click();

        page.waitForConnection("connected", Duration.ofSeconds(10));
        assertFalse(reconnect.isDisplayed());
        page.waitForStatus(card, "completed", JOB_TIMEOUT);
        assertEquals(100, card.progress());
    }

    @Test
    void theUsersRecentJobsAreBackAfterAReload() {
        String first = startOverHttp(userId, 3, 50);
        String second = startOverHttp(userId, 3, 50);
        page.open(deployment, userId);
        page.waitForStatus(page.card(first), "completed", JOB_TIMEOUT);
        page.waitForStatus(page.card(second), "completed", JOB_TIMEOUT);

        browser.driver.navigate().refresh();

        page.waitForConnection("connected", Duration.ofSeconds(20));
        assertEquals(userId, browser.driver.findElement(By.id("user-id")).getDomProperty("value"),
                "the user id is remembered");
        List<WebElement> cards = page.cards();
        assertEquals(2, cards.size());
        assertEquals(second, new JobCard(cards.get(0)).jobId(), "newest first");
        assertEquals(first, new JobCard(cards.get(1)).jobId());
        assertEquals("http", page.card(first).source(), "loaded from GET /api/jobs?userId=");
        assertEquals("completed", page.card(first).status());
    }

    @Test
    void aPastedJobIdIsFollowedToItsEndAndAnUnknownOneIsExplained() {
        page.open(deployment, userId);

        page.track("no-such-job-42");
        page.waitUntil(Duration.ofSeconds(10), () -> "a notice", d -> !page.notice("track-notice").isEmpty());
        assertTrue(page.notice("track-notice").contains("no job with id 'no-such-job-42'"),
                page.notice("track-notice"));
        assertTrue(page.cards().isEmpty());

        String someoneElses = startOverHttp(Server.uniqueId("other"), 10, 300);
        page.track(someoneElses);
        JobCard card = page.card(someoneElses);
        page.waitForStatus(card, "completed", JOB_TIMEOUT);
        assertEquals("socket", card.source(), "followed live through a jobId subscription");
        assertTrue(page.notice("track-notice").isEmpty(), "the earlier error is gone");
    }

    @Test
    void theBatchButtonStartsABatchJobOrSaysTheBatchDemoIsNotAvailable() {
        // Probe first: the Batch producer may not be in this build.
        boolean batchAvailable = Http.post(server.http("api/demo/batch"), "{\"userId\":\"" + userId + "-probe\"}")
                .statusCode() != 404;
        page.open(deployment, userId);
        if (batchAvailable) {
            JobCard card = page.start("Start Batch job", 1, 1, false);
            page.waitForStatus(card, "completed", JOB_TIMEOUT);
        } else {
            browser.driver.findElement(By.xpath("//button[normalize-space()='Start Batch job']")).click();
            page.waitUntil(Duration.ofSeconds(10), () -> "a notice", d -> !page.notice("demo-notice").isEmpty());
            String notice = page.notice("demo-notice");
            assertTrue(notice.contains("Batch demo is not available"), notice);
            assertTrue(page.cards().isEmpty());
        }
    }

    @Test
    void everyControlHasANameAndAJobStartsFromTheKeyboard() {
        page.open(deployment, userId);
        for (WebElement control : browser.driver.findElements(By.cssSelector("input, button:not([hidden])"))) {
            assertFalse(control.getAccessibleName().isBlank(),
                    "no accessible name: " + control.getDomProperty("outerHTML"));
        }

        WebElement start = browser.driver.findElement(By.xpath("//button[normalize-space()='Start CDI job']"));
        browser.driver.findElement(By.tagName("body")).click();
        for (int i = 0; i < 20 && !start.equals(browser.driver.switchTo().activeElement()); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals(start, browser.driver.switchTo().activeElement(), "Tab reaches the start button");
        start.sendKeys(Keys.ENTER);

        page.waitUntil(Duration.ofSeconds(10), () -> "a card", d -> page.cards().size() == 1);
        JobCard card = new JobCard(page.cards().get(0));
        assertEquals("progressbar", card.bar().getAriaRole());
        assertEquals("Progress of " + card.jobId(), card.bar().getAccessibleName());
        page.waitForStatus(card, "completed", JOB_TIMEOUT);
        assertEquals("Job " + card.jobId() + " completed",
                browser.driver.findElement(By.id("announcer")).getDomProperty("textContent"),
                "the ending is announced politely");
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        browser.emulatePhone(780);
        page.open(deployment, userId);
        JobCard card = page.startCdiJob(4, 100, false);
        page.waitForStatus(card, "completed", JOB_TIMEOUT);
        page.startCdiJob(4, 100, true);
        page.waitForStatus(new JobCard(page.cards().get(0)), "failed", JOB_TIMEOUT);

        long viewport = (Long) browser.driver.executeScript("return window.innerWidth");
        long content = (Long) browser.driver.executeScript("return document.documentElement.scrollWidth");
        assertEquals(360, viewport);
        assertTrue(content <= viewport, "content " + content + " px wide in a " + viewport + " px viewport");
        browser.emulatePhone((Long) browser.driver.executeScript("return document.documentElement.scrollHeight"));
        browser.screenshot("phone");
    }

    private String startOverHttp(String owner, int steps, int stepMillis) {
        HttpResponse<String> created = Http.post(server.http("api/demo/jobs"),
                "{\"userId\":\"" + owner + "\",\"steps\":" + steps + ",\"stepMillis\":" + stepMillis + "}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject job = Http.json(created).asJsonObject();
        return job.getString("jobId");
    }
}
