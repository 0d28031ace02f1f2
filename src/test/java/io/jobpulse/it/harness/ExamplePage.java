package io.jobpulse.it.harness;

import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The client package's example app (src/client/example, built by Maven into target/client-example)
 * as a person uses it: what the browser tests click and read.
 */
public final class ExamplePage {

    private static final Path BUILD = Path.of(System.getProperty("basedir", "."), "target", "client-example");

    private final WebDriver driver;

    ExamplePage(WebDriver driver) {
        this.driver = driver;
    }

    /** Adds the example's build to a test archive under client-example/. */
    public static WebArchive servedBy(WebArchive war) {
        if (!Files.isRegularFile(BUILD.resolve("index.html"))) {
            throw new IllegalStateException(BUILD + " is missing: the Maven build makes it (npm run build in"
                    + " src/client), unless -Dclient.skip=true");
        }
        try (Stream<Path> files = Files.walk(BUILD)) {
            files.filter(Files::isRegularFile).forEach(f -> war.addAsWebResource(f.toFile(),
                    "client-example/" + BUILD.relativize(f).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    /** Opens the example, whose query shapes the demo job the upload starts, and waits for the socket. */
    public void open(URI page) {
        driver.get(page.toString());
        waitUntil(Duration.ofSeconds(20), () -> "the socket to connect; it shows " + connectionText(),
                d -> connectionText().startsWith("Connected"));
    }

    /** Presses Upload and returns the id of the job the processing modal tracks. */
    public String upload() {
        driver.findElement(By.xpath("//button[normalize-space()='Upload']")).click();
        waitUntil(Duration.ofSeconds(10), () -> "the processing modal; " + texts("[role=alert]"),
                d -> !d.findElements(By.id("processing-modal")).isEmpty());
        return modal().getDomAttribute("data-job-id");
    }

    public void simulateFailure() {
        driver.findElement(By.xpath("//label[contains(., 'Simulate a failure')]/input")).click();
    }

    public WebElement modal() {
        return driver.findElement(By.id("processing-modal"));
    }

    /** The tracked job's status as the modal shows it, or "(no modal)". */
    public String modalState() {
        List<WebElement> modals = driver.findElements(By.id("processing-modal"));
        return modals.isEmpty() ? "(no modal)" : modals.get(0).getDomAttribute("data-status");
    }

    public String modalText(String cssClass) {
        return modal().findElement(By.className(cssClass)).getText();
    }

    public String modalTitle() {
        return modal().findElement(By.id("modal-title")).getText();
    }

    public int progress() {
        return Integer.parseInt(modal().findElement(By.tagName("progress")).getDomProperty("value"));
    }

    /** "Connected" or "Disconnected", then "Using polling fallback" and "Progress: N%" when shown. */
    public String connectionText() {
        return text("connection");
    }

    /** How often onJobCompleted / onJobFailed / the service's onAuthExpired fired. */
    public int completedCalls() {
        return Integer.parseInt(text("completed-calls"));
    }

    public int failedCalls() {
        return Integer.parseInt(text("failed-calls"));
    }

    public int tokenExpiries() {
        return Integer.parseInt(text("token-expiries"));
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public void waitForModal(String status, Duration timeout) {
        waitUntil(timeout, () -> "the job " + status + "; the modal shows " + modalState(),
                d -> status.equals(modalState()));
    }

    /** Waits for {@code condition}; on timeout the failure says what was awaited and what was seen. */
    public void waitUntil(Duration timeout, Supplier<String> awaited, Predicate<WebDriver> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + awaited.get())
                .until(condition::test);
    }

    private String texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList().toString();
    }
}
