package io.jobpulse.it.harness;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The demo page as a person uses it: what the browser tests click and read. */
public final class DemoPage {

    private final WebDriver driver;

    public DemoPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens the page as {@code userId} and waits until its socket is live. */
    public DemoPage open(URL deployment, String userId) {
        driver.get(deployment.toString());
        switchUser(userId);
        waitForConnection("connected", Duration.ofSeconds(20));
        return this;
    }

    public void switchUser(String userId) {
        WebElement field = driver.findElement(By.id("user-id"));
        field.clear();
        field.sendKeys(userId, Keys.ENTER);
        waitUntil(Duration.ofSeconds(10), () -> "the jobs of " + userId,
                d -> userId.equals(d.findElement(By.id("jobs-owner")).getText()));
    }

    /** Fills the demo form, presses a start button and returns the new job's card. */
    public JobCard start(String button, int steps, int stepMillis, boolean fail) {
        setNumber("steps", steps);
        setNumber("stepMillis", stepMillis);
        WebElement failBox = driver.findElement(By.name("fail"));
        if (failBox.isSelected() != fail) {
            failBox.click();
        }
        int before = cards().size();
        driver.findElement(By.xpath("//button[normalize-space()='" + button + "']")).click();
        waitUntil(Duration.ofSeconds(10), () -> "a new card; notice: " + notice("demo-notice"),
                d -> cards().size() > before);
        return new JobCard(cards().get(0));
    }

    public JobCard startCdiJob(int steps, int stepMillis, boolean fail) {
        return start("Start CDI job", steps, stepMillis, fail);
    }

    public void track(String jobId) {
        WebElement field = driver.findElement(By.id("track-id"));
        field.clear();
        field.sendKeys(jobId, Keys.ENTER);
    }

    public List<WebElement> cards() {
        return driver.findElements(By.cssSelector("#jobs > li"));
    }

    public JobCard card(String jobId) {
        waitUntil(Duration.ofSeconds(10), () -> "a card for " + jobId,
                d -> !d.findElements(cardSelector(jobId)).isEmpty());
        return new JobCard(driver.findElement(cardSelector(jobId)));
    }

    /** 'connecting', 'connected', 'reconnecting' or 'offline'. */
    public String connectionState() {
        return driver.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    /** 'websocket' while live, 'polling' while the socket is down. */
    public String transport() {
        return driver.findElement(By.id("connection")).getDomAttribute("data-transport");
    }

    public String connectionText() {
        return driver.findElement(By.id("connection")).getText();
    }

    public String notice(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public void waitForConnection(String state, Duration timeout) {
        waitUntil(timeout, () -> "connection " + state + "; it shows '" + connectionText() + "'",
                d -> state.equals(connectionState()));
    }

    public void waitForStatus(JobCard card, String status, Duration timeout) {
        waitUntil(timeout, () -> card.jobId() + " " + status + "; it shows " + card, d -> status.equals(card.status()));
    }

    /** Waits for {@code condition}; on timeout the failure says what was awaited and what was seen. */
    public void waitUntil(Duration timeout, Supplier<String> awaited, Predicate<WebDriver> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + awaited.get())
                .until(condition::test);
    }

    private void setNumber(String name, int value) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(Integer.toString(value));
    }

    private static By cardSelector(String jobId) {
        return By.cssSelector("#jobs > li[data-job-id='" + jobId + "']");
    }

    /** One job's card; the page updates it in place, so the element stays valid. */
    public static final class JobCard {

        private final WebElement element;

        public JobCard(WebElement element) {
            this.element = element;
        }

        public String jobId() {
            return element.getDomAttribute("data-job-id");
        }

        public String status() {
            return element.getDomAttribute("data-status");
        }

        /** 'socket', 'poll' or 'http': what brought the state the card shows. */
        public String source() {
            return element.getDomAttribute("data-source");
        }

        public int progress() {
            return Integer.parseInt(element.findElement(By.tagName("progress")).getDomProperty("value"));
        }

        public WebElement bar() {
            return element.findElement(By.tagName("progress"));
        }

        /** Presses the card's Cancel button. */
        public void cancel() {
            element.findElement(By.className("cancel")).click();
        }

        public String text(String cssClass) {
            return element.findElement(By.className(cssClass)).getText();
        }

        @Override
        public String toString() {
            return status() + " at " + progress() + " % via " + source();
        }
    }
}
