package io.jobpulse.bench.harness;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a scenario against the socket.io peer right after jobpulse ran it ({@code peer=false} skips
 * it): the peer is started fresh for each scenario on {@code peerPort} and stopped afterwards, so
 * neither side runs beside the other. Both reports are added, then one of ratios (jobpulse / peer),
 * which is what the targets are stated in: measured back to back, the shared machine's noise largely
 * cancels.
 */
final class Peer {

    /** Figures compared; for each, jobpulse's value divided by the peer's. */
    private static final List<String> COMPARED = List.of("deliveredPerSec", "lost", "serverCpuMicrosPerEvent",
            "latencyP50Ms", "latencyP99Ms", "latencyP999Ms", "serverRssMb", "rssPerConnectionKb", "rssAfterMb");

    /** A scenario run against the peer. */
    interface Run {
        Report on(Scenarios peer) throws Exception;
    }

    private final Path project;
    private final HttpClient http;
    private final Settings settings;
    private final List<Report> reports;

    Peer(Path project, HttpClient http, Settings settings, List<Report> reports) {
        this.project = project;
        this.http = http;
        this.settings = settings;
        this.reports = reports;
    }

    /** Adds jobpulse's report, runs the same scenario on the peer, adds its report and the ratios. */
    void sideBySide(Report jobpulse, Run run) throws Exception {
        reports.add(jobpulse.put("side", "jobpulse"));
        if (settings.text("peer", "true").equals("false")) {
            return;
        }
        long t0 = System.nanoTime();
        BenchServer server = BenchServer.peer(project, settings.integer("peerPort", 9300));
        double ready = (System.nanoTime() - t0) / 1e9;
        Report peer;
        try {
            peer = run.on(new Scenarios(server, http, settings)).put("side", "socket.io peer")
                    .put("readyWallSeconds", ready);
        } finally {
            server.stop();
        }
        peer.put("scenario", jobpulse.get("scenario") + " [peer]");
        reports.add(peer);
        reports.add(ratios(jobpulse, peer));
    }

    static Report ratios(Report jobpulse, Report peer) throws java.io.IOException {
        Report r = Scenarios.environment(jobpulse.get("scenario") + " [jobpulse / peer]");
        for (String key : COMPARED) {
            if (jobpulse.get(key) instanceof Number a && peer.get(key) instanceof Number b) {
                r.put(key + "Ratio", b.doubleValue() == 0 ? (a.doubleValue() == 0 ? Double.valueOf(1.0) : null)
                        : a.doubleValue() / b.doubleValue());
            }
        }
        return r;
    }
}
