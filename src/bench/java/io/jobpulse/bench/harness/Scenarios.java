package io.jobpulse.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The measurements: push under load, idle connections, conditional polling, warm restart, database size. */
final class Scenarios {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final BenchServer server;
    private final HttpClient http;
    private final Settings base;

    Scenarios(BenchServer server, HttpClient http, Settings base) {
        this.server = server;
        this.http = http;
        this.base = base;
    }

    /** A report with what else ran on the machine: the figures mean little on a busy one. */
    static Report environment(String label) throws IOException {
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        long otherLiberty = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar")
                        && !c.contains("ws-server.jar bench")).orElse(false))
                .count();
        return new Report().put("scenario", label).put("loadAvg1m", Double.parseDouble(load[0]))
                .put("otherLibertyServers", otherLiberty);
    }

    /**
     * Connections subscribe by job id, each job watched by {@code fanout} connections; the producer
     * spreads {@code rate} events/s over all jobs. Delivered = pushes received during the window;
     * lost = versions a client is still missing after the drain (neither it nor a newer one came);
     * coalesced = versions skipped because a newer one replaced them (allowed: latest wins).
     */
    Report push(Settings s) throws Exception {
        int connections = s.integer("connections", 2000);
        int perConnection = s.integer("jobsPerConnection", 1);
        int fanout = s.integer("fanout", 1);
        int jobCount = connections * perConnection / fanout;
        double warmup = s.decimal("warmup", 10);
        double seconds = s.decimal("seconds", 30);
        int rate = s.integer("rate", 5000);
        String producerName = s.text("producer", "http");
        WsLoad.Protocol protocol = WsLoad.Protocol.of(s.text("endpoint", "plain"));
        Report report = environment(s.text("label", "push")).put("endpoint", protocol.name().toLowerCase())
                .put("producer", producerName).put("connections", connections).put("jobs", jobCount)
                .put("fanout", fanout).put("targetEventsPerSec", rate).put("ingestInFlight", s.integer("inFlight", 1));

        Jobs jobs = new Jobs(http, server, prefix(), jobCount);
        jobs.create();
        Producer.AnswerTimes answers = new Producer.AnswerTimes();
        Producer producer = producerName.equals("http")
                ? new Producer.HttpIngest(jobs, http, server, rate, s.integer("batch", 100), s.integer("inFlight", 1),
                        s.text("eventIds", "false").equals("true"), answers)
                : new Producer.InProcess(jobs, http, server, rate, s.integer("threads", 2));
        try (WsLoad load = load(protocol, jobs.prefix(), s)) {
            double connect = load.connect(connections, i -> jobsOf(i, perConnection, jobCount), 120);
            double subscribe = load.subscribeAll(120);
            report.put("open", load.open()).put("connectFailed", load.failed())
                    .put("connectPerSec", load.open() / connect).put("subscribeSeconds", subscribe);

            long[] published = {0};
            Exception[] failure = {null};
            Thread producing = new Thread(() -> {
                try {
                    published[0] = producer.run(warmup + seconds);
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "producer");
            producing.start();
            Thread.sleep((long) (warmup * 1000));
            String jfr = s.text("jfr", null);
            if (jfr != null && !server.isPeer()) {
                server.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
            }
            long[] cpu0 = server.cpuUserSystemNanos();
            long t0 = System.nanoTime();
            load.measuring(true);
            answers.measuring(true);
            Thread.sleep((long) (seconds * 1000));
            load.measuring(false);
            answers.measuring(false);
            long window = System.nanoTime() - t0;
            long[] cpu1 = server.cpuUserSystemNanos();
            long user = cpu1[0] - cpu0[0];
            long cpu = user + cpu1[1] - cpu0[1];
            if (jfr != null && !server.isPeer()) {
                server.jcmd("JFR.stop", "name=bench");
            }
            producing.join();
            if (failure[0] != null) {
                throw failure[0];
            }
            drain(load);

            long delivered = load.deliveredInWindow();
            Latencies latencies = load.latencies();
            double[] p = latencies.percentilesMillis(50, 99, 99.9, 100);
            if (producer instanceof Producer.HttpIngest) {
                double[] a = answers.percentilesMillis(50, 99);
                report.put("ingestAnswerP50Ms", a[0]).put("ingestAnswerP99Ms", a[1]);
            }
            long[] finals = jobs.versions();
            report.put("published", published[0]).put("publishedPerSec", published[0] / (warmup + seconds))
                    .put("deliveredPerSec", delivered / (window / 1e9))
                    .put("latencyP50Ms", p[0]).put("latencyP99Ms", p[1]).put("latencyP999Ms", p[2])
                    .put("latencyMaxMs", p[3])
                    .put("expectedDeliveries", published[0] * fanout).put("deliveredTotal", load.delivered())
                    .put("lost", load.behind(finals)).put("coalesced", load.gaps())
                    .put("outOfOrder", load.outOfOrder()).put("closedByServer", load.closedByServer())
                    .put("serverCpuMicrosPerEvent", delivered == 0 ? 0.0 : cpu / 1000.0 / delivered)
                    .put("serverCpuPercentOfOneCore", 100.0 * cpu / window)
                    .put("serverCpuKernelShare", cpu == 0 ? 0.0 : (double) (cpu - user) / cpu)
                    .put("serverRssMb", server.rssBytes() / 1048576.0);
        }
        return report;
    }

    /**
     * The embedded H2 file from empty: stops the managed server, deletes its {@code data} folder,
     * starts it again and runs {@link #push} (by default 1,000 events/s over 2,000 running jobs for
     * 120 s, no warm-up), sampling the file's size every second; then stops the server (H2 compacts
     * briefly on a clean close), measures again and starts it for whatever follows.
     */
    Report database(Settings s) throws Exception {
        if (!server.managed()) {
            throw new IllegalArgumentException("scenario=database needs the managed server (no url=)");
        }
        Path data = server.dir().resolve("data");
        Path file = data.resolve("jobpulse.mv.db");
        server.stop();
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        server.start();
        long atStart = size(file);
        AtomicLong largest = new AtomicLong(atStart);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> largest.accumulateAndGet(size(file), Math::max), 1, 1, TimeUnit.SECONDS);
        Report report;
        try {
            report = push(s.with("label", s.text("label", "database"), "rate", s.text("rate", "1000"),
                    "seconds", s.text("seconds", "120"), "warmup", s.text("warmup", "0")));
        } finally {
            sampler.shutdownNow();
        }
        long afterLoad = size(file);
        server.stop();
        long closed = size(file);
        server.start();
        return report.put("databaseAtStartMb", atStart / 1048576.0)
                .put("databaseMaxMb", Math.max(largest.get(), afterLoad) / 1048576.0)
                .put("databaseAfterLoadMb", afterLoad / 1048576.0).put("databaseClosedMb", closed / 1048576.0);
    }

    /**
     * The push load held for {@code minutes} (default 10 at 5,000 events/s over 2,000 connections),
     * one report a minute: delivered events/s, latency percentiles of that minute alone, CPU per
     * event and the database file's size; heap after full GCs at the end of minute 2 and of the last
     * minute (a full GC is a pause, so not every minute). The summary compares each minute's p99 with
     * the second minute's and the two heaps, and counts what was lost after the drain.
     */
    Report soak(Settings s, java.util.function.Consumer<Report> minutes) throws Exception {
        int connections = s.integer("connections", 2000);
        int minuteCount = s.integer("minutes", 10);
        int rate = s.integer("rate", 5000);
        Report summary = environment(s.text("label", "soak")).put("endpoint", s.text("endpoint", "socketio"))
                .put("connections", connections).put("targetEventsPerSec", rate).put("minutes", minuteCount);
        Jobs jobs = new Jobs(http, server, prefix(), connections);
        jobs.create();
        Producer producer = new Producer.HttpIngest(jobs, http, server, rate, s.integer("batch", 100),
                s.integer("inFlight", 1), s.text("eventIds", "false").equals("true"), new Producer.AnswerTimes());
        Path database = server.managed() ? server.dir().resolve("data/jobpulse.mv.db") : null;
        try (WsLoad load = load(WsLoad.Protocol.of(s.text("endpoint", "socketio")), jobs.prefix(), s)) {
            load.connect(connections, i -> new int[]{i}, 120);
            load.subscribeAll(120);
            long[] published = {0};
            Exception[] failure = {null};
            Thread producing = new Thread(() -> {
                try {
                    published[0] = producer.run(minuteCount * 60.0);
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "producer");
            load.measuring(true);
            producing.start();
            double secondMinuteP99 = 0;
            double worstP99Ratio = 0;
            long heapMinute2 = 0;
            long heapLast = 0;
            for (int minute = 1; minute <= minuteCount; minute++) {
                long[] cpu0 = server.cpuUserSystemNanos();
                long delivered0 = load.delivered();
                long t0 = System.nanoTime();
                Thread.sleep(60_000);
                long window = System.nanoTime() - t0;
                long[] cpu1 = server.cpuUserSystemNanos();
                long delivered = load.delivered() - delivered0;
                double[] p = load.takeLatencies().percentilesMillis(50, 99, 100);
                long cpu = cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1];
                Report r = environment(summary.get("scenario") + " minute " + minute)
                        .put("deliveredPerSec", delivered / (window / 1e9))
                        .put("latencyP50Ms", p[0]).put("latencyP99Ms", p[1]).put("latencyMaxMs", p[2])
                        .put("serverCpuMicrosPerEvent", delivered == 0 ? 0.0 : cpu / 1000.0 / delivered)
                        .put("serverRssMb", server.rssBytes() / 1048576.0)
                        .put("databaseMb", database == null ? 0.0 : size(database) / 1048576.0);
                if (minute == 2) {
                    secondMinuteP99 = p[1];
                }
                if (minute > 2 && secondMinuteP99 > 0) {
                    worstP99Ratio = Math.max(worstP99Ratio, p[1] / secondMinuteP99);
                }
                if (minute == 2 || minute == minuteCount) {
                    long heap = server.heapAfterGc();
                    r.put("heapAfterFullGcMb", heap / 1048576.0);
                    if (minute == 2) {
                        heapMinute2 = heap;
                    } else {
                        heapLast = heap;
                    }
                }
                minutes.accept(r);
            }
            producing.join();
            load.measuring(false);
            if (failure[0] != null) {
                throw failure[0];
            }
            drain(load);
            summary.put("published", published[0]).put("publishedPerSec", published[0] / (minuteCount * 60.0))
                    .put("lost", load.behind(jobs.versions())).put("coalesced", load.gaps())
                    .put("outOfOrder", load.outOfOrder()).put("closedByServer", load.closedByServer())
                    .put("worstP99VsMinute2", worstP99Ratio)
                    .put("heapGrowthMinute2ToLast", heapMinute2 == 0 ? 0.0 : (double) heapLast / heapMinute2 - 1)
                    .put("databaseMb", database == null ? 0.0 : size(database) / 1048576.0);
        }
        return summary;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Client i's jobs: consecutive indexes modulo the job count, so each job gets {@code fanout} clients. */
    private static int[] jobsOf(int client, int perConnection, int jobCount) {
        int[] jobs = new int[perConnection];
        for (int k = 0; k < perConnection; k++) {
            jobs[k] = (client * perConnection + k) % jobCount;
        }
        return jobs;
    }

    /** Waits until no push arrived for a second (at most 30 s). */
    private static void drain(WsLoad load) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 30 && load.delivered() != last; i++) {
            last = load.delivered();
            Thread.sleep(1000);
        }
    }

    /** N connections, each subscribed to one job, no traffic: heap and RSS growth per connection. */
    Report idle(Settings s) throws Exception {
        int connections = s.integer("connections", 15000);
        WsLoad.Protocol protocol = WsLoad.Protocol.of(s.text("endpoint", "plain"));
        Report report = environment(s.text("label", "idle")).put("endpoint", protocol.name().toLowerCase())
                .put("connections", connections).put("xmx", s.text("xmx", "jvm.options"));
        Jobs jobs = new Jobs(http, server, prefix(), connections);
        jobs.create();
        long heap0 = server.heapAfterGc();
        long rss0 = server.rssBytes();
        // jcmd on the Node peer would send it SIGQUIT, which ends it
        boolean histograms = s.text("histogram", "false").equals("true") && !server.isPeer();
        if (histograms) {
            histogram("before");
        }
        try (WsLoad load = load(protocol, jobs.prefix(), s)) {
            double connect = load.connect(connections, i -> new int[]{i}, 300);
            double subscribe = load.subscribeAll(300);
            Thread.sleep(3000);
            long heap1 = server.heapAfterGc();
            long rss1 = server.rssBytes();
            if (histograms) {
                histogram("after");
            }
            int open = load.open();
            // hold=N keeps the connections open N seconds more, e.g. for jcmd VM.native_memory
            Thread.sleep(s.integer("hold", 0) * 1000L);
            report.put("open", open).put("connectFailed", load.failed()).put("subscribed", load.subscribed())
                    .put("connectPerSec", open / connect).put("subscribeSeconds", subscribe)
                    .put("serverOpenFiles", server.openFiles())
                    .put("heapBeforeMb", heap0 / 1048576.0).put("heapAfterMb", heap1 / 1048576.0)
                    .put("heapPerConnectionKb", (heap1 - heap0) / 1024.0 / Math.max(1, open))
                    .put("rssBeforeMb", rss0 / 1048576.0).put("rssAfterMb", rss1 / 1048576.0)
                    .put("rssPerConnectionKb", (rss1 - rss0) / 1024.0 / Math.max(1, open))
                    .put("closedByServer", load.closedByServer());
        }
        return report;
    }

    /** Saves the server's class histogram (what the heap holds, by class) under target/bench. */
    private void histogram(String when) throws IOException, InterruptedException {
        Path file = Path.of("target/bench/histogram-" + when + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, server.jcmd("GC.class_histogram"));
    }

    /** wrk against one job with its current ETag: every answer is a 304 without a body. */
    Report poll(Settings s) throws Exception {
        Report report = environment(s.text("label", "poll"));
        Jobs jobs = new Jobs(http, server, prefix(), 1);
        jobs.create();
        String url = server.uri("/api/jobs/" + jobs.id(0)).toString();
        String etag = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElse("none");
        HttpResponse<Void> check = http.send(HttpRequest.newBuilder(java.net.URI.create(url))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.discarding());
        if (check.statusCode() != 304) {
            throw new IOException("expected 304 for the current ETag, got " + check.statusCode());
        }
        int seconds = s.integer("pollSeconds", 20);
        int connections = s.integer("pollConnections", 64);
        report.put("connections", connections).put("wrkThreads", s.integer("pollThreads", 1));
        int warmup = s.integer("pollWarmup", 10);
        if (warmup > 0) {
            PollLoad.run(url, etag, s.integer("pollThreads", 1), connections, warmup, new Report()); // JIT warm-up, not reported
        }
        long cpu0 = server.cpuNanos();
        long t0 = System.nanoTime();
        PollLoad.run(url, etag, s.integer("pollThreads", 1), connections, seconds, report);
        long cpu = server.cpuNanos() - cpu0;
        long requests = (Long) report.get("requests");
        report.put("serverCpuMicrosPerRequest", requests == 0 ? 0.0 : cpu / 1000.0 / requests)
                .put("serverCpuPercentOfOneCore", 100.0 * cpu / (System.nanoTime() - t0));
        return report;
    }

    /** Stops and starts the (already initialised) server: Liberty's "started in" and the wall time to ready. */
    Report restart() throws Exception {
        server.stop();
        Report report = environment("warm restart");
        long t0 = System.nanoTime();
        double started = server.start();
        return report.put("startedInSeconds", started).put("readyWallSeconds", (System.nanoTime() - t0) / 1e9);
    }

    /** Job ids unique per run, also against a long-running server: {@code r<time><n>-<i>}. */
    private static String prefix() {
        return "r" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + RUNS.incrementAndGet();
    }

    private WsLoad load(WsLoad.Protocol protocol, String prefix, Settings s) throws IOException {
        return new WsLoad(protocol, prefix, new InetSocketAddress("127.0.0.1", server.httpPort()),
                s.integer("sources", 4), s.integer("clientThreads", 1), s.integer("connectWindow", 200));
    }
}
