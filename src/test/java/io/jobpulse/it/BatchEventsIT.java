package io.jobpulse.it;

import io.jobpulse.it.batchapp.PayrollServlet;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.LibertyNode;
import io.jobpulse.it.harness.ListeningSockets;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liberty batch events on (JOBPULSE_BATCH_EVENTS=true): a second application, the payroll WAR of
 * {@link io.jobpulse.it.batchapp} with its own batch job and no jobpulse code, runs next to jobpulse,
 * and what its jobs do reaches a socket subscribed to the user who started them.
 *
 * <p>A server of its own, not the shared Arquillian one: the submitter of a batch job is recorded only
 * with application security, which this server turns on (a basic registry, batch roles), and with it
 * on, every other test's unauthenticated {@code JobOperator} calls would need batch roles. Liberty's
 * batch REST API answers only over HTTPS, so the server also has a keystore.
 */
class BatchEventsIT {

    private static final String KEYSTORE_PASSWORD = "batchEventsIT-keystore";
    private static final Map<String, String> USERS = Map.of(
            "alice", "alice-pw1", "bob", "bob-pw1", "carol", "carol-pw1", "dave", "dave-pw1", "ops", "ops-pw1");
    private static final Duration FRAME_WAIT = Duration.ofSeconds(30);
    private static final String IGNORED = "outcome=\"ignored\",source=\"batch-events\"";

    private static LibertyNode node;
    private static int httpsPort;

    @BeforeAll
    static void startServerWithBatchEventsAndAPayrollApplication() throws IOException {
        // the one setting, in the server's environment (its server.env). And every change pushed (no
        // per-job rate limit), so the tests see each event's message, not only the latest
        node = new LibertyNode("itBatchEvents", 6, Map.of("JOBPULSE_BATCH_EVENTS", "true",
                "JOBPULSE_PUSH_MAX_PER_SECOND_PER_JOB", "0"));
        httpsPort = Integer.getInteger("it.https.port", 9543) + 6;
        Path dir = node.outputDir();
        StringBuilder users = new StringBuilder();
        USERS.forEach((name, password) -> users.append("<user name=\"").append(name)
                .append("\" password=\"").append(password).append("\"/>"));
        Files.writeString(dir.resolve("server.xml"), """
                <server description="jobpulse with Liberty batch events and application security">
                    <include location="jobpulse.xml"/>
                    <variable name="jobpulse.security.mode" defaultValue="open"/>
                    <featureManager>
                        <feature>appSecurity-5.0</feature>
                        <feature>transportSecurity-1.0</feature>
                    </featureManager>
                    <keyStore id="defaultKeyStore" password="%s"/>
                    <basicRegistry id="payrollUsers" realm="payroll">%s</basicRegistry>
                    <!-- EVERYONE may submit: jobpulse's own demo batch job calls JobOperator without a user -->
                    <authorization-roles id="com.ibm.ws.batch">
                        <security-role name="batchSubmitter">
                            <user name="alice"/><user name="bob"/><user name="carol"/><user name="dave"/>
                            <special-subject type="EVERYONE"/>
                        </security-role>
                        <security-role name="batchAdmin"><user name="ops"/></security-role>
                    </authorization-roles>
                </server>
                """.formatted(KEYSTORE_PASSWORD, users));
        payrollWar().as(ZipExporter.class).exportTo(dir.resolve("dropins/payroll.war").toFile(), true);
        node.start();
        awaitPayroll();
    }

    @AfterAll
    static void stopServer() {
        if (node != null) {
            node.stop();
        }
    }

    /** The second application: its own servlet, batch artifacts and job XML; nothing of jobpulse. */
    static WebArchive payrollWar() {
        return ShrinkWrap.create(WebArchive.class, "payroll.war")
                .addPackage(PayrollServlet.class.getPackage())
                .addAsResource(Path.of("src/test/resources/batchapp/payroll.xml").toFile(), "META-INF/batch-jobs/payroll.xml")
                .addAsWebInfResource(Path.of("src/test/resources/batchapp/web.xml").toFile(), "web.xml")
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
    }

    /** Deployed once it asks for a login. */
    private static void awaitPayroll() {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = Http.tryGet(payroll(""));
            if (r != null && r.statusCode() == 401) {
                return;
            }
            LibertyNode.sleep(250);
        }
        throw new AssertionError("the payroll application did not start; see " + node.outputDir().resolve("logs/messages.log"));
    }

    private static URI payroll(String pathAndQuery) {
        return URI.create(node.url().replace("/" + TestApp.NAME + "/", "/payroll/") + pathAndQuery);
    }

    /** Starts the payroll job as {@code user}, through the application's own JobOperator. */
    private static JsonObject startPayroll(String user, String query) {
        HttpResponse<String> r = Http.postWith(payroll("jobs?" + query), "", "Authorization", basic(user));
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).asJsonObject();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + USERS.get(user)).getBytes(StandardCharsets.UTF_8));
    }

    /** A socket subscribed to every job of {@code userId}, its ack consumed. */
    private static WsClient userSocket(String userId) {
        WsClient ws = node.server().plainSocket();
        ws.send("{\"op\":\"subscribe\",\"userId\":\"" + userId + "\"}");
        JsonObject ack = ws.next();
        assertEquals("ack", ack.getString("type"), ack.toString());
        assertTrue(ack.getBoolean("ok"), ack.toString());
        return ws;
    }

    /** The job id batch events give an instance: {@code batch-<instance id>-r<server run>}. */
    private static Pattern jobIdOf(long instanceId) {
        return Pattern.compile("batch-" + instanceId + "-r[0-9a-z]+");
    }

    /** Every frame's data for the instance's job until that job ends; versions only increase. */
    private static List<JsonObject> untilFinished(WsClient ws, Pattern jobId) {
        List<JsonObject> frames = new ArrayList<>();
        long version = 0;
        while (true) {
            JsonObject frame = ws.next(FRAME_WAIT);
            JsonObject data = frame.getJsonObject("data");
            if (data == null || !jobId.matcher(data.getString("jobId")).matches()) {
                continue;
            }
            assertTrue(data.getInt("version") > version, "versions only increase: " + frames + " then " + data);
            version = data.getInt("version");
            frames.add(data);
            if (Set.of("completed", "failed", "cancelled").contains(data.getString("status"))) {
                return frames;
            }
        }
    }

    private static List<String> statuses(List<JsonObject> frames) {
        List<String> order = new ArrayList<>();
        for (JsonObject f : frames) {
            if (order.isEmpty() || !order.get(order.size() - 1).equals(f.getString("status"))) {
                order.add(f.getString("status"));
            }
        }
        return order;
    }

    private static List<String> messages(List<JsonObject> frames) {
        return frames.stream().map(f -> f.getString("message", null)).filter(m -> m != null).distinct().toList();
    }

    private static void assertProgressNeverGoesDown(List<JsonObject> frames) {
        int last = 0;
        for (JsonObject f : frames) {
            assertTrue(f.getInt("progress") >= last, "progress never goes down: " + frames);
            last = f.getInt("progress");
        }
    }

    @Test
    void aJobStartedByAnotherApplicationReachesItsSubmittersSocketStartedProgressCompleted() {
        try (WsClient ws = userSocket("alice")) {
            JsonObject started = startPayroll("alice", "items=30&itemMillis=20");
            Pattern jobId = jobIdOf(started.getJsonNumber("instanceId").longValue());
            List<JsonObject> frames = untilFinished(ws, jobId);

            assertEquals(List.of("queued", "running", "completed"), statuses(frames), frames.toString());
            JsonObject done = frames.get(frames.size() - 1);
            assertEquals("alice", done.getString("userId"));
            assertEquals("payroll", done.getString("type"));
            List<String> messages = messages(frames);
            assertEquals("Batch job 'payroll' started (execution " + started.getJsonNumber("executionId") + ")",
                    messages.get(0), messages.toString());
            // application security keeps jobpulse out of the runtime's records: checkpoints, no item counts
            // 30 items in chunks of 5: six checkpoints, and under load Liberty sometimes publishes a
            // seventh for the last, empty chunk; either way numbered 1, 2, ... in order
            int checkpoints = (int) messages.stream().filter(m -> m.startsWith("Step 'load': checkpoint ")).count();
            assertTrue(checkpoints == 6 || checkpoints == 7, messages.toString());
            List<String> expected = new ArrayList<>(List.of("Step 'load'"));
            for (int i = 1; i <= checkpoints; i++) {
                expected.add("Step 'load': checkpoint " + i);
            }
            expected.add("Step 'load' completed: 30 items read");
            // The one-line 'report' step often starts and ends within the per-job push interval
            // (jobpulse.push.max-per-second-per-job, 20/s): latest wins, so its start may be replaced
            // by its end before it is pushed. Everything else arrives, in order.
            if (messages.contains("Step 'report'")) {
                expected.add("Step 'report'");
            }
            expected.add("Step 'report' completed");
            assertEquals(expected, messages.subList(1, messages.size()));
            assertProgressNeverGoesDown(frames);
            assertEquals(100, done.getInt("progress"));

            JsonObject result = done.getJsonObject("result");
            assertEquals("payroll", result.getString("batchJob"));
            assertEquals("COMPLETED", result.getString("exitStatus"));
            assertEquals("load", result.getJsonArray("steps").getJsonObject(0).getString("step"));
            assertEquals(30, result.getJsonArray("steps").getJsonObject(0).getInt("read"));
            assertEquals("REPORTED", result.getJsonArray("steps").getJsonObject(1).getString("exitStatus"));

            // the next run of the same job shows a percentage: the first told how many steps and checkpoints it has
            JsonObject again = startPayroll("alice", "items=30&itemMillis=20");
            List<JsonObject> second = untilFinished(ws, jobIdOf(again.getJsonNumber("instanceId").longValue()));
            assertTrue(second.stream().anyMatch(f -> f.getInt("progress") > 0 && f.getInt("progress") < 100),
                    "intermediate progress on the second run: " + second);
            assertProgressNeverGoesDown(second);
        }
    }

    @Test
    void aFailingJobArrivesFailedWithItsExitStatus() {
        try (WsClient ws = userSocket("bob")) {
            JsonObject started = startPayroll("bob", "items=30&itemMillis=5&failAt=12");
            List<JsonObject> frames = untilFinished(ws, jobIdOf(started.getJsonNumber("instanceId").longValue()));
            JsonObject failed = frames.get(frames.size() - 1);
            assertEquals("failed", failed.getString("status"), frames.toString());
            assertEquals("Batch execution " + started.getJsonNumber("executionId")
                    + " failed in step 'load' (exit status BAD_PAYSLIP)", failed.getString("error"));
            assertEquals("bob", failed.getString("userId"));
        }
    }

    @Test
    void aStoppedJobArrivesCancelled() {
        try (WsClient ws = userSocket("carol")) {
            JsonObject started = startPayroll("carol", "items=400&itemMillis=50");
            Pattern jobId = jobIdOf(started.getJsonNumber("instanceId").longValue());
            List<JsonObject> frames = new ArrayList<>();
            ws.awaitData(d -> jobId.matcher(d.getString("jobId")).matches()
                    && d.getString("message", "").startsWith("Step 'load': checkpoint"), frames);
            long execution = started.getJsonNumber("executionId").longValue();
            HttpResponse<String> stop = Http.postWith(payroll("jobs?stop=" + execution), "", "Authorization", basic("carol"));
            assertEquals(200, stop.statusCode(), stop.body());
            frames.addAll(untilFinished(ws, jobId));
            JsonObject cancelled = frames.get(frames.size() - 1);
            assertEquals("cancelled", cancelled.getString("status"), frames.toString());
            assertEquals("Batch execution " + execution + " stopped (exit status STOPPED)", cancelled.getString("error"));
            assertTrue(cancelled.getInt("progress") < 100);
        }
    }

    @Test
    void aJobSubmittedThroughLibertysBatchRestApiReachesItsSubmitter() throws Exception {
        try (WsClient ws = userSocket("ops")) {
            HttpResponse<String> submitted = restApi().send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + httpsPort + "/ibm/api/batch/jobinstances"))
                    .header("Authorization", basic("ops"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"applicationName\":\"payroll\",\"jobXMLName\":\"payroll\","
                            + "\"jobParameters\":{\"items\":\"12\",\"itemMillis\":\"5\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, submitted.statusCode(), submitted.body());
            JsonObject instance = Http.json(submitted).asJsonObject();
            assertEquals("ops", instance.getString("submitter"));
            List<JsonObject> frames = untilFinished(ws, jobIdOf(instance.getJsonNumber("instanceId").longValue()));
            assertEquals(List.of("queued", "running", "completed"), statuses(frames), frames.toString());
            assertEquals("ops", frames.get(0).getString("userId"));
        }
    }

    /** An HTTPS client that trusts exactly this server's certificate (its generated keystore). */
    private static HttpClient restApi() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(node.outputDir().resolve("resources/security/key.p12"))) {
            keys.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void jobpulsesOwnBatchJobIsReportedOnceByItsListener() {
        Server server = node.server();
        try (WsClient ws = userSocket("zed")) {
            HttpResponse<String> r = Http.post(server.http("api/demo/batch"), "{\"userId\":\"zed\",\"records\":20,\"itemMillis\":5}");
            assertEquals(201, r.statusCode(), r.body());
            String demoJob = Http.json(r).asJsonObject().getString("jobId");
            List<JsonObject> frames = untilFinished(ws, Pattern.compile(Pattern.quote(demoJob)));
            assertEquals("completed", frames.get(frames.size() - 1).getString("status"), frames.toString());
        }
        // its batch events were seen and skipped: no second job under any owner they could name
        assertTrue(server.metric("jobpulse_batch_events_total", "outcome=\"own-application\"") > 0);
        for (String owner : List.of("zed", "batch", "UNAUTHENTICATED")) {
            HttpResponse<String> jobs = Http.get(server.http("api/jobs?userId=" + owner));
            assertEquals(200, jobs.statusCode(), jobs.body());
            assertTrue(Http.json(jobs).asJsonArray().stream()
                            .noneMatch(j -> j.asJsonObject().getString("type").equals("demo-batch")
                                    && j.asJsonObject().getString("jobId").startsWith("batch-")),
                    owner + ": " + jobs.body());
        }
    }

    @Test
    void unknownMalformedAndRepeatedEventsAreCountedAndNothingBreaks() {
        Server server = node.server();
        double unknown = server.metric("jobpulse_batch_events_total", "outcome=\"unknown\"");
        double malformed = server.metric("jobpulse_batch_events_total", "outcome=\"malformed\"");
        double ignored = server.metric("jobpulse_events_total", IGNORED);

        publish("batch/jobs/execution/teleported", "{\"instanceId\":1,\"executionId\":1}", null);
        publish("batch/jobs/execution/started", "{\"instanceId\":", null);
        publish("batch/jobs/execution/started", "{\"instanceId\":\"one\",\"executionId\":1}", null);
        publish("batch/jobs/execution/started", "{\"instanceId\":1,\"executionId\":1}", "bytes");

        try (WsClient ws = userSocket("dave")) {
            JsonObject started = startPayroll("dave", "items=10&itemMillis=5");
            long instance = started.getJsonNumber("instanceId").longValue();
            List<JsonObject> frames = untilFinished(ws, jobIdOf(instance));
            JsonObject done = frames.get(frames.size() - 1);
            assertEquals("completed", done.getString("status"));
            // the same completion again, as a redelivery or a second subscription would bring it
            publish("batch/jobs/execution/completed", Json.createObjectBuilder()
                    .add("jobName", "payroll").add("instanceId", instance)
                    .add("executionId", started.getJsonNumber("executionId")).add("batchStatus", "COMPLETED")
                    .add("exitStatus", "COMPLETED").build().toString(), null);
            awaitMetric(server, "jobpulse_events_total", IGNORED, ignored + 1);
            JsonObject after = Http.json(Http.get(server.http("api/jobs/" + done.getString("jobId")))).asJsonObject();
            assertEquals(done.getInt("version"), after.getInt("version"), "a repeated end changes nothing");
        }
        assertEquals(unknown + 1, server.metric("jobpulse_batch_events_total", "outcome=\"unknown\""));
        assertEquals(malformed + 3, server.metric("jobpulse_batch_events_total", "outcome=\"malformed\""));
    }

    private static void publish(String topic, String body, String as) {
        HttpResponse<String> r = Http.post(node.server().http("api/test/batch-topic?topic=" + topic
                + (as == null ? "" : "&as=" + as)), "text/plain", body);
        assertEquals(204, r.statusCode(), r.body());
    }

    private static void awaitMetric(Server server, String name, String labels, double atLeast) {
        Instant deadline = Instant.now().plusSeconds(10);
        double value = server.metric(name, labels);
        while (value < atLeast && Instant.now().isBefore(deadline)) {
            LibertyNode.sleep(100);
            value = server.metric(name, labels);
        }
        assertTrue(value >= atLeast, name + "{" + labels + "} = " + value + ", expected at least " + atLeast);
    }

    @Test
    void batchEventsAddNoNetworkListener() throws IOException {
        long pid = Long.parseLong(Files.readString(node.outputDir().resolveSibling(".pid").resolve("itBatchEvents.pid")).trim());
        String command = Files.readString(node.outputDir().resolve("workarea/.sCommand")).trim();
        int commandPort = Integer.parseInt(command.substring(command.lastIndexOf(':') + 1));
        int httpPort = URI.create(node.url()).getPort();
        assertEquals(Set.of(httpPort, httpsPort, commandPort), ListeningSockets.of(pid),
                "HTTP, HTTPS and Liberty's local command port only: the messaging engine and the batch events listen nowhere");
        assertTrue(node.messages().contains("CWWKY0218I"), "the batch runtime publishes events");
        assertTrue(node.messages().contains("J2CA8801I: The message endpoint for activation specification "
                + "jms/jobpulse/batchEvents"), "the subscription is active");
    }
}
