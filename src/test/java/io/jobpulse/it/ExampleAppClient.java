package io.jobpulse.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the ITs that drive the client package's example app in headless Chromium as a fresh user. */
abstract class ExampleAppClient extends ArquillianClient {

    Browser browser;
    ExamplePage page;
    String userId;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start();
        page = new ExamplePage(browser.driver);
        userId = Server.uniqueId("client");
    }

    @AfterEach
    void stopBrowser() {
        server.allowSockets();
        if (browser != null) {
            browser.close();
        }
    }
}
