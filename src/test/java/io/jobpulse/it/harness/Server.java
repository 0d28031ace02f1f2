package io.jobpulse.it.harness;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Addresses and producer shortcuts for one deployed test application. */
public final class Server {

    private final URI base;
    /** Sent with test-support calls when the deployment requires tokens; null when it does not. */
    private final String token;

    public Server(URL deployment) {
        this(deployment, null);
    }

    /** A deployment with security on: test-support calls ({@link #fire}) carry {@code token}. */
    public Server(URL deployment, String token) {
        this.base = URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/");
        this.token = token;
    }

    public URI http(String path) {
        return base.resolve(path);
    }

    public URI ws(String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
    }

    /** Server-wide endpoints such as /health and /metrics live at the root, not under the context root. */
    public URI root(String path) {
        return base.resolve("/" + path);
    }

    public WsClient plainSocket() {
        return WsClient.connect(ws("ws/jobs"));
    }

    /** A plain socket already subscribed to one job (the ack consumed). */
    public WsClient subscribedSocket(String jobId) {
        WsClient ws = plainSocket();
        ws.send("{\"op\":\"subscribe\",\"jobId\":\"" + jobId + "\"}");
        JsonObject ack = ws.next();
        if (!"ack".equals(ack.getString("type"))) {
            ws.close();
            throw new AssertionError("subscribe failed: " + ack);
        }
        return ws;
    }

    /** The test server's messages.log as it is now (the server runs on this machine). */
    public static String serverLog() {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("wlp.home"), "usr", "servers",
                System.getProperty("it.server"), "logs", "messages.log");
        try {
            return java.nio.file.Files.readString(log);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + log, e);
        }
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fires CDI job events inside the server (see testsupport.FireResource). */
    public JsonObject fire(String query, JsonObjectBuilder... events) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder e : events) {
            array.add(e);
        }
        URI fire = http("api/test/fire" + (query == null ? "" : "?" + query));
        HttpResponse<String> r = token == null ? Http.post(fire, array.build().toString())
                : Http.postWith(fire, array.build().toString(), "Authorization", Http.bearer(token));
        if (r.statusCode() != 200) {
            throw new AssertionError("fire failed: " + r.statusCode() + " " + r.body());
        }
        return Http.json(r).asJsonObject();
    }

    /**
     * Closes every plain socket as a stopping server would and refuses handshakes for
     * {@code refuseSeconds} (see testsupport.SocketCutResource).
     */
    public void cutSockets(int refuseSeconds) {
        HttpResponse<String> r = Http.post(http("api/test/sockets/cut?refuseSeconds=" + refuseSeconds), "");
        if (r.statusCode() != 200) {
            throw new AssertionError("cut failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** Accepts socket handshakes again at once. */
    public void allowSockets() {
        Http.post(http("api/test/sockets/allow"), "");
    }

    /** Whether some connection in the hub holds this topic, e.g. {@code user:alice} or {@code job:42}. */
    public boolean subscribed(String topic) {
        return Http.json(Http.get(http("api/test/connections"))).asJsonArray().stream()
                .flatMap(c -> c.asJsonObject().getJsonArray("topics").getValuesAs(JsonString.class).stream())
                .anyMatch(t -> t.getString().equals(topic));
    }

    public static JsonObjectBuilder event(String kind, String jobId) {
        return Json.createObjectBuilder().add("kind", kind).add("jobId", jobId);
    }

    public static JsonObjectBuilder created(String jobId, String userId) {
        return event("started", jobId).add("userId", userId).add("jobType", "test");
    }

    public static JsonObjectBuilder progress(String jobId, int percent) {
        return event("progress", jobId).add("progress", percent).add("message", "at " + percent);
    }

    public static JsonObjectBuilder completed(String jobId) {
        return event("completed", jobId).add("result", Json.createObjectBuilder().add("rows", 3));
    }

    /**
     * The sum of the Prometheus samples named {@code name} whose labels contain {@code labelFragment}
     * (e.g. {@code outcome="ignored"}), over every other label such as source.
     */
    public double metric(String name, String labelFragment) {
        String body = Http.get(root("metrics?scope=application")).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " "))
                    && (labelFragment == null || line.contains(labelFragment))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
