package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.TestApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo producers are throttled: a longest run per job, a number of demo jobs running per user,
 * and a request rate per client. One test, because the rate limit of this deployment's one client
 * address is what the steps use up.
 */
class DemoLimitsIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war("demolimits", Map.of("jobpulse.demo.rate", "0.01", "jobpulse.demo.burst", "3",
                "jobpulse.demo.max-running-per-user", "2", "jobpulse.demo.max-duration-seconds", "5"));
    }

    private HttpResponse<String> demo(String path, String body) {
        return Http.post(server.http("api/demo/" + path), body.replace('\'', '"'));
    }

    @Test
    void tooLongTooManyAndTooFastAreRefusedEachWithItsReason() {
        HttpResponse<String> tooLong = demo("jobs", "{'steps':10,'stepMillis':1000}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("at most 5 s"), tooLong.body());
        HttpResponse<String> tooLongBatch = demo("batch", "{'records':100,'itemMillis':100}");
        assertEquals(400, tooLongBatch.statusCode(), tooLongBatch.body());

        String user = uniqueId("capped");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> started = demo("jobs", "{'userId':'" + user + "','steps':4,'stepMillis':1000}");
            assertEquals(201, started.statusCode(), started.body());
        }
        HttpResponse<String> third = demo("batch", "{'userId':'" + user + "','records':4,'itemMillis':1000}");
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(third.body().contains("too-many-demo-jobs"), third.body());

        HttpResponse<String> fast = demo("jobs", "{'userId':'" + uniqueId("other") + "','steps':1,'stepMillis':1}");
        assertEquals(429, fast.statusCode(), "the burst of 3 is used up: " + fast.body());
        assertTrue(fast.body().contains("rate-limited"), fast.body());
        assertTrue(fast.headers().firstValue("Retry-After").isPresent());
    }
}
