package io.jobpulse.it.harness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the ITs that drive the client package's example app in headless Chromium as a fresh user. */
public abstract class ExampleAppClient extends ArquillianClient {

    protected Browser browser;
    protected ExamplePage page;
    protected String userId;

    @BeforeEach
    protected void startBrowser() {
        browser = Browser.start();
        page = new ExamplePage(browser.driver);
        userId = Server.uniqueId("client");
    }

    @AfterEach
    protected void stopBrowser() {
        server.allowSockets();
        if (browser != null) {
            browser.close();
        }
    }
}
