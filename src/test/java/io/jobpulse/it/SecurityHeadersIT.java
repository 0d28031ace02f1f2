package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.TestApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page, its scripts and the API carry the browser hardening headers, errors included. */
class SecurityHeadersIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    @Test
    void pageScriptsAndApiAnswersCarryTheHardeningHeaders() {
        // index.html rather than "/": Liberty can hang the java.net.http client's h2c upgrade on the
        // welcome-file forward of "/" (seen in a thread dump), which has nothing to do with headers
        for (String path : new String[] {"index.html", "js/app.js", "api/jobs/unknown-here", "api/jobs?userId=someone"}) {
            HttpResponse<String> r = Http.get(server.http(path));
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
        }
    }
}
