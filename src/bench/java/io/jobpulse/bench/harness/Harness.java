package io.jobpulse.bench.harness;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load harness's entry point: {@code mvn -Pbench -DskipTests package exec:exec@harness
 * -Dbench.args="scenario=suite"} (docs/benchmarks.md). Starts a bench server (or targets
 * {@code url=..} / {@code pid=..}), runs one scenario or the whole suite of targets, prints a JSON
 * line per scenario and a table, and appends the JSON lines to {@code target/bench/results.jsonl}.
 */
public final class Harness {

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(args);
        Path project = Path.of(settings.text("project", "."));
        BenchServer server = server(settings, project);
        // HTTP/1.1 as schedulers and curl speak it (the JDK client would otherwise upgrade to h2c)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Scenarios scenarios = new Scenarios(server, http, settings);
        List<Report> reports = new Reports(project);
        try {
            if (server.managed()) {
                String war = settings.text("war", "target/jobpulse-bench.war");
                server.layOut(project, project.resolve(war));
                double started = server.start();
                reports.add(Scenarios.environment("start (first)").put("war", war).put("startedInSeconds", started));
            }
            String scenario = settings.text("scenario", "suite");
            Peer peer = new Peer(project, http, settings, reports);
            switch (scenario) {
                case "suite" -> suite(scenarios, server, settings, reports, peer);
                // the peer speaks Socket.IO only: a /ws/jobs run is compared with its Socket.IO run
                case "push" -> peer.sideBySide(scenarios.push(settings), p -> p.push(settings.with("endpoint", "socketio")));
                case "idle" -> peer.sideBySide(scenarios.idle(settings), p -> p.idle(settings.with("endpoint", "socketio")));
                case "soak" -> reports.add(scenarios.soak(settings, reports::add));
                case "poll" -> reports.add(scenarios.poll(settings));
                case "startup" -> reports.add(scenarios.restart());
                case "database" -> reports.add(scenarios.database(settings));
                default -> throw new IllegalArgumentException("unknown scenario " + scenario
                        + "; use suite, push, idle, poll, startup, database or soak");
            }
        } finally {
            System.out.println(Report.table(reports));
            if (server.managed() && !settings.text("keep", "false").equals("true")) {
                server.stop();
            }
        }
    }

    /** The targets, in an order that keeps each measurement clean (see docs/benchmarks.md). */
    private static void suite(Scenarios s, BenchServer server, Settings base, List<Report> reports, Peer peer)
            throws Exception {
        Settings push = base.with("connections", base.text("connections", "2000"));
        // JIT warm-up of every path measured below, not reported: the first minute of a fresh
        // Liberty is compilation, and a cold run measures the compiler, not jobpulse.
        for (String[] path : new String[][]{{"plain", "http"}, {"socketio", "http"}, {"plain", "inproc"}}) {
            s.push(push.with("endpoint", path[0], "producer", path[1], "rate", "5000", "warmup", "0",
                    "seconds", base.text("jitWarmup", "20")));
        }
        reports.add(s.push(push.with("label", "push plain http", "endpoint", "plain", "producer", "http",
                "rate", "5000", "batch", "100")));
        Settings socketIo = push.with("label", "push socketio http", "endpoint", "socketio", "producer", "http",
                "rate", "5000", "batch", "100");
        peer.sideBySide(s.push(socketIo), p -> {
            // the peer's JIT warm-up: the same run as jobpulse's, not reported
            p.push(socketIo.with("warmup", "0", "seconds", base.text("jitWarmup", "20")));
            return p.push(socketIo);
        });
        reports.add(s.push(push.with("label", "push plain inproc", "endpoint", "plain", "producer", "inproc",
                "rate", base.text("inprocRate", "50000"), "jobsPerConnection", "5")));
        reports.add(s.poll(base.with("label", "poll 304")));
        if (server.managed()) {
            // a fresh JVM for the memory figures, which is also the warm restart being timed
            reports.add(s.restart());
            reports.add(s.idle(base.with("label", "idle plain", "connections", base.text("idleConnections", "15000"))));
            Settings idle = base.with("label", "idle socketio", "endpoint", "socketio",
                    "connections", base.text("idleConnections", "15000"));
            peer.sideBySide(s.idle(idle), p -> p.idle(idle));
        }
    }

    private static BenchServer server(Settings settings, Path project) throws IOException {
        String url = settings.text("url", null);
        if (url != null) {
            int port = Integer.parseInt(url.replaceAll(".*:(\\d+).*", "$1"));
            return BenchServer.running(port, Long.parseLong(settings.text("pid", "0")));
        }
        List<String> jvm = new ArrayList<>(List.of("-Djobpulse.push.max-per-second-per-job="
                + settings.text("throttle", "20")));
        String xmx = settings.text("xmx", null);
        if (xmx != null) {
            jvm.add("-Xmx" + xmx);
        }
        String extra = settings.text("serverJvm", "");
        if (!extra.isBlank()) {
            jvm.addAll(Arrays.asList(extra.split(",")));
        }
        String monitorFilter = settings.text("monitorFilter", null);
        return BenchServer.managed(project.resolve("target/liberty/wlp"), settings.text("serverName", "bench"),
                settings.integer("port", 9790), jvm)
                .productJvmOptions(!settings.text("productJvm", "true").equals("false"))
                .extraConfig((monitorFilter == null ? "" : "<monitor filter=\"" + monitorFilter + "\"/>")
                        + extraConfig(settings.text("serverConfig", null)));
    }

    /** serverConfig=file: its XML elements (no enclosing server element) added to the bench server.xml. */
    private static String extraConfig(String file) throws IOException {
        return file == null ? "" : Files.readString(Path.of(file));
    }

    /** Prints each report as one JSON line as soon as it is added, and appends it to target/bench/results.jsonl. */
    private static final class Reports extends ArrayList<Report> {
        private final Path out;

        Reports(Path project) throws IOException {
            out = project.resolve("target/bench/results.jsonl");
            Files.createDirectories(out.getParent());
        }

        @Override
        public boolean add(Report r) {
            String line = r.put("at", Instant.now().toString()).json();
            System.out.println(line);
            try {
                Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("could not append to " + out + ": " + e);
            }
            return super.add(r);
        }
    }
}
