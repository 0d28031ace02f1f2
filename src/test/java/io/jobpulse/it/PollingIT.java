package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.TestApp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.jobpulse.it.harness.Server.completed;
import static io.jobpulse.it.harness.Server.created;
import static io.jobpulse.it.harness.Server.progress;
import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The polling API a frontend falls back to (see README, "Endpoints"; docs/delivery.md, "Long-poll"). */
class PollingIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    @Test
    void jobStateCarriesItsVersionAsETagAndAnUnchangedJobAnswers304() {
        String jobId = uniqueId("poll");
        server.fire(null, created(jobId, "lena"), progress(jobId, 25));

        HttpResponse<String> first = Http.get(server.http("api/jobs/" + jobId));
        assertEquals(200, first.statusCode());
        assertEquals("\"2\"", first.headers().firstValue("ETag").orElseThrow());
        JsonObject job = Http.json(first).asJsonObject();
        assertEquals("running", job.getString("status"));
        assertEquals(25, job.getInt("progress"));
        assertEquals("lena", job.getString("userId"));
        assertTrue(job.containsKey("createdAt") && job.containsKey("updatedAt"));

        HttpResponse<String> same = Http.get(server.http("api/jobs/" + jobId), "If-None-Match", "\"2\"");
        assertEquals(304, same.statusCode());
        assertTrue(same.body().isEmpty());

        server.fire(null, progress(jobId, 75));
        HttpResponse<String> changed = Http.get(server.http("api/jobs/" + jobId), "If-None-Match", "\"2\"");
        assertEquals(200, changed.statusCode());
        assertEquals("\"3\"", changed.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void unknownJobIs404ProblemJson() {
        HttpResponse<String> r = Http.get(server.http("api/jobs/" + uniqueId("nope")));
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonObject problem = Http.json(r).asJsonObject();
        assertEquals(404, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains("no job"));
    }

    @Test
    void invalidJobIdIs400WithTheRule() {
        HttpResponse<String> r = Http.get(server.http("api/jobs/bad%20id"));
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).asJsonObject().getString("detail").contains("[A-Za-z0-9._:-]"));
    }

    @Test
    void usersJobsAreListedNewestFirstAndFilteredByActive() throws InterruptedException {
        String user = uniqueId("mona");
        String older = uniqueId("older");
        String newer = uniqueId("newer");
        server.fire(null, created(older, user), completed(older));
        Thread.sleep(5); // distinct creation instants
        server.fire(null, created(newer, user), progress(newer, 10));
        server.fire(null, created(uniqueId("other"), uniqueId("someone")));

        JsonArray all = Http.json(Http.get(server.http("api/jobs?userId=" + user))).asJsonArray();
        assertEquals(2, all.size());
        assertEquals(newer, all.getJsonObject(0).getString("jobId"));
        assertEquals(older, all.getJsonObject(1).getString("jobId"));

        JsonArray active = Http.json(Http.get(server.http("api/jobs?userId=" + user + "&status=active"))).asJsonArray();
        assertEquals(1, active.size());
        assertEquals(newer, active.getJsonObject(0).getString("jobId"));

        JsonArray limited = Http.json(Http.get(server.http("api/jobs?userId=" + user + "&limit=1"))).asJsonArray();
        assertEquals(1, limited.size());
    }

    @Test
    void listWithoutUserOrWithBadFiltersIs400() {
        assertEquals(400, Http.get(server.http("api/jobs")).statusCode());
        assertEquals(400, Http.get(server.http("api/jobs?userId=a&status=done")).statusCode());
        HttpResponse<String> badLimit = Http.get(server.http("api/jobs?userId=a&limit=lots"));
        assertEquals(400, badLimit.statusCode());
        assertEquals("application/problem+json", badLimit.headers().firstValue("Content-Type").orElseThrow());
    }
}
