package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators scrape and browse: metrics move with real traffic, OpenAPI covers every resource. */
class OperationsIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    @Test
    void metricsMoveWithADemoJob() {
        double applied = server.metric("jobpulse_events_total", "outcome=\"applied\"");
        double sent = server.metric("jobpulse_push_sent_total", null);
        double latencies = server.metric("jobpulse_push_latency_seconds_count", null);
        double plainConnections = server.metric("jobpulse_connections", "endpoint=\"plain\"");

        try (WsClient ws = server.plainSocket()) {
            ws.send("{\"op\":\"subscribe\",\"userId\":\"metrics-it\"}");
            ws.next();
            assertEquals(plainConnections + 1, server.metric("jobpulse_connections", "endpoint=\"plain\""));
            assertTrue(server.metric("jobpulse_subscriptions", null) >= 1);

            HttpResponse<String> created = Http.post(server.http("api/demo/jobs"),
                    "{\"userId\":\"metrics-it\",\"steps\":4,\"stepMillis\":60}");
            assertEquals(201, created.statusCode());
            JsonObject frame;
            do {
                frame = ws.next();
            } while (!"job.completed".equals(frame.getString("type")));
        }
        assertTrue(server.metric("jobpulse_events_total", "outcome=\"applied\"") >= applied + 5,
                "start, 3 progress steps and the completion were applied");
        assertTrue(server.metric("jobpulse_events_total", "source=\"cdi\"") >= 5, "tagged with their source");
        assertTrue(server.metric("jobpulse_push_sent_total", null) >= sent + 3);
        assertTrue(server.metric("jobpulse_push_latency_seconds_count", null) > latencies, "delivery latency recorded");
        assertTrue(server.metric("jobpulse_store_latency_seconds_count", null) > 0);
    }

    @Test
    void metricsAreReadableWithoutLoginAndDescribed() {
        HttpResponse<String> r = Http.get(server.root("metrics?scope=application"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("# HELP jobpulse_push_coalesced_total Progress states replaced"), r.body());
    }

    @Test
    void openApiDescribesEveryResourceMethod() throws Exception {
        HttpResponse<String> r = Http.get(server.root("openapi"), "Accept", "application/json");
        assertEquals(200, r.statusCode());
        JsonObject paths = Http.json(r).asJsonObject().getJsonObject("paths");
        Set<String> documented = new TreeSet<>();
        for (String p : paths.keySet()) {
            documented.add(p.replaceFirst("^/" + TestApp.NAME, ""));
        }
        Set<String> expected = resourcePaths();
        assertFalse(expected.isEmpty());
        for (String path : expected) {
            assertTrue(documented.contains(path), path + " is not in /openapi: " + documented);
        }
        JsonObject job = paths.getJsonObject(documentedKey(paths, "/api/jobs/{jobId}")).getJsonObject("get");
        assertTrue(job.getJsonObject("responses").containsKey("304"));
        assertEquals(200, Http.get(server.root("openapi/ui/")).statusCode(), "the UI is served");
    }

    private static String documentedKey(JsonObject paths, String path) {
        return paths.keySet().stream().filter(k -> k.endsWith(path)).findFirst().orElseThrow();
    }

    /** "/api" + class @Path + method @Path of every product resource (test support excluded). */
    private static Set<String> resourcePaths() throws IOException, ClassNotFoundException {
        Set<String> paths = new TreeSet<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OperationsIT.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    Path sub = m.getAnnotation(Path.class);
                    boolean resourceMethod = Stream.of(m.getAnnotations())
                            .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
                    if (resourceMethod) {
                        paths.add(normalise("/api/" + root.value() + "/" + (sub == null ? "" : sub.value())));
                    }
                }
            }
        }
        return paths;
    }

    private static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
