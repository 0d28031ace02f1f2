package io.jobpulse.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test: a Liberty server folder laid out from {@code liberty-config/} with the
 * bench WAR at context root {@code /}, started and stopped with {@code wlp/bin/server}; or a server
 * already running (then only its URL, and its pid for CPU and memory figures, are known); or the
 * socket.io peer ({@code src/bench/js/peer.mjs}) on Node, which the harness starts and stops itself.
 */
final class BenchServer {

    private static final Pattern STARTED_IN = Pattern.compile("CWWKF0011I.* started in ([0-9.,]+) seconds");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final long TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

    private final Path wlp;
    private final String name;
    private final int httpPort;
    private final List<String> jvmOptions;
    /** Extra server.xml elements, e.g. a {@code <monitor filter=".."/>} being evaluated. */
    private String extraConfig = "";
    /** Whether liberty-config/jvm.options is used (off to compare other collectors or heap settings). */
    private boolean productJvmOptions = true;
    private final boolean managed;
    private long pid;
    /** The peer's Node process; null for a Liberty server. */
    private Process peer;

    private BenchServer(Path wlp, String name, int httpPort, List<String> jvmOptions, boolean managed, long pid) {
        this.wlp = wlp;
        this.name = name;
        this.httpPort = httpPort;
        this.jvmOptions = jvmOptions;
        this.managed = managed;
        this.pid = pid;
    }

    /** A server this harness lays out and starts; {@code name} must start with "bench". */
    static BenchServer managed(Path wlp, String name, int httpPort, List<String> jvmOptions) {
        if (!name.startsWith("bench")) {
            throw new IllegalArgumentException("bench server names start with 'bench', got " + name);
        }
        return new BenchServer(wlp, name, httpPort, jvmOptions, true, 0);
    }

    /** A server started elsewhere; pid 0 when unknown (no CPU or memory figures then). */
    static BenchServer running(int httpPort, long pid) {
        return new BenchServer(null, null, httpPort, List.of(), false, pid);
    }

    /**
     * Starts the socket.io peer on {@code port} (installing its npm packages on first use, as the
     * Socket.IO client test does) and waits until it answers.
     */
    static BenchServer peer(Path project, int port) throws IOException, InterruptedException {
        Path dir = project.resolve("src/bench/js");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (npm.waitFor() != 0) {
                throw new IOException("npm ci failed in " + dir);
            }
        }
        Process node = new ProcessBuilder("node", "peer.mjs", Integer.toString(port)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BenchServer server = new BenchServer(null, null, port, List.of(), false, node.pid());
        server.peer = node;
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (IOException | InterruptedException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /** Whether this is the socket.io peer (no JVM: no heap figures, no jcmd). */
    boolean isPeer() {
        return peer != null;
    }

    BenchServer productJvmOptions(boolean use) {
        this.productJvmOptions = use;
        return this;
    }

    BenchServer extraConfig(String xml) {
        this.extraConfig = xml;
        return this;
    }

    int httpPort() {
        return httpPort;
    }

    long pid() {
        return pid;
    }

    boolean managed() {
        return managed;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    Path dir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    /** Writes the server folder: the application's features, the bench WAR, ports and JVM options. */
    void layOut(Path projectDir, Path benchWar) throws IOException {
        Path dir = dir();
        Files.createDirectories(dir.resolve("apps"));
        // Every run from an empty store: jobs an earlier run left would pass their deadline
        // (jobpulse.jobs.stale-after-seconds) during a later run and be ended inside its window.
        for (String file : List.of("data/jobpulse.mv.db", "data/jobpulse.trace.db")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        // the default start: JMS ingest and batch events off (liberty-config/server.env)
        for (String file : List.of("jobpulse.xml", "jms-off.xml", "batch-events-false.xml", "server.env")) {
            Files.copy(projectDir.resolve("liberty-config").resolve(file), dir.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(benchWar, dir.resolve("apps/jobpulse-bench.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by the benchmark harness (io.jobpulse.bench.harness.BenchServer). -->
                <server description="jobpulse benchmark">
                    <include location="jobpulse.xml"/>
                    <!-- the load producers send no tokens -->
                    <variable name="jobpulse.security.mode" defaultValue="open"/>
                    <webApplication id="jobpulse" location="jobpulse-bench.war" contextRoot="/"/>
                %s
                </server>
                """.formatted(extraConfig));
        Files.writeString(dir.resolve("bootstrap.properties"),
                // no JMS engine by default (liberty-config/server.env), so no wasJms port
                "http.port=" + httpPort + "\nhttps.port=" + (httpPort + 1) + "\n");
        // the product's own JVM options (what `mvn liberty:run` and the image use) first, the bench's after them
        Path product = projectDir.resolve("liberty-config/jvm.options");
        String defaults = productJvmOptions && Files.exists(product) ? Files.readString(product) : "";
        Files.writeString(dir.resolve("jvm.options"), defaults + String.join("\n", jvmOptions) + "\n");
    }

    /** Starts the server and waits until it is ready; returns Liberty's own "started in" seconds. */
    double start() throws IOException, InterruptedException {
        Path log = dir().resolve("logs/messages.log");
        Files.deleteIfExists(log);
        run("start");
        pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + name + ".pid")).trim());
        awaitReady(Duration.ofSeconds(120));
        return startedSeconds(log);
    }

    void stop() throws IOException, InterruptedException {
        if (peer != null) {
            peer.destroy();
            peer.waitFor();
        } else if (managed) {
            run("stop");
        }
    }

    private void run(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0 && action.equals("start")) {
            throw new IOException("server start " + name + " failed; see " + dir().resolve("logs"));
        }
    }

    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        // HTTP/1.1: Node's server ends an h2c upgrade request outside /socket.io/ without an answer
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("server not ready within " + timeout);
    }

    private static double startedSeconds(Path log) throws IOException {
        if (!Files.exists(log)) {
            return -1;
        }
        Matcher m = STARTED_IN.matcher(Files.readString(log, StandardCharsets.UTF_8));
        double seconds = -1;
        while (m.find()) {
            seconds = Double.parseDouble(m.group(1).replace(',', '.'));
        }
        return seconds;
    }

    /** User + system CPU time of the server process so far, in nanoseconds (from /proc). */
    long cpuNanos() throws IOException {
        long[] cpu = cpuUserSystemNanos();
        return cpu[0] + cpu[1];
    }

    /** User and system (kernel: syscalls, the loopback TCP stack, wake-ups) CPU time so far, in nanoseconds. */
    long[] cpuUserSystemNanos() throws IOException {
        if (pid == 0) {
            return new long[2];
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of /proc/<pid>/stat
        return new long[]{Long.parseLong(f[11]) * 1_000_000_000L / TICKS_PER_SECOND,
                Long.parseLong(f[12]) * 1_000_000_000L / TICKS_PER_SECOND};
    }

    /** Resident set size of the server process in bytes. */
    long rssBytes() throws IOException {
        if (pid == 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** Open file descriptors of the server process. */
    long openFiles() throws IOException {
        if (pid == 0) {
            return 0;
        }
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }

    /** Heap in use right after two full collections (jcmd GC.run), in bytes. */
    long heapAfterGc() throws IOException, InterruptedException {
        if (pid == 0 || peer != null) {
            return 0;
        }
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
    }

    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
