package io.jobpulse.it.harness;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Liberty server the test starts, stops and kills itself (Arquillian manages only one): a folder
 * in the build's runtime with the application's Liberty configuration (liberty-config/), the test
 * archive in dropins, its own ports and environment. Its context root is {@link TestApp#NAME}.
 */
public final class LibertyNode implements AutoCloseable {

    private static final Path WLP = Path.of(System.getProperty("wlp.home", "target/liberty/wlp"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private final String name;
    private final Map<String, String> env;
    private final int httpPort;
    private final Path dir;
    private final Thread reaper = new Thread(this::kill);

    /**
     * @param offset added to the build's IT ports ({@code it.http.port}, {@code it.https.port}) for this node
     * @param env    environment of the server process (e.g. JOBPULSE_DB_URL, JOBPULSE_JMS=on), written to
     *               server.env ahead of the application's defaults
     */
    public LibertyNode(String name, int offset, Map<String, String> env) {
        this.name = name;
        this.env = env;
        this.httpPort = Integer.getInteger("it.http.port", 9180) + offset;
        int httpsPort = Integer.getInteger("it.https.port", 9543) + offset;
        this.dir = WLP.resolve("usr/servers").resolve(name);
        try {
            Files.createDirectories(dir.resolve("dropins"));
            // the application's Liberty configuration as shipped: jobpulse.xml and the files it
            // includes by the environment (JMS ingest, batch events, the JMS listener)
            try (var files = Files.list(Path.of("liberty-config"))) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")
                        && !f.getFileName().toString().equals("server.xml")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // open mode as a default value: a node's environment (JOBPULSE_SECURITY_MODE) overrides it
            Files.writeString(dir.resolve("server.xml"), """
                    <server description="jobpulse test node">
                        <include location="jobpulse.xml"/>
                        <variable name="jobpulse.security.mode" defaultValue="open"/>
                    </server>
                    """);
            Files.writeString(dir.resolve("bootstrap.properties"),
                    "http.port=" + httpPort + "\nhttps.port=" + httpsPort + "\n");
            // liberty-config/server.env is read as a shell script (its first line says so): the node's own
            // settings go right after that line, quoted, so the defaults below them see and keep them
            // (JOBPULSE_JMS chooses jms-on.xml, JOBPULSE_BATCH_EVENTS the batch-events file ...)
            String[] defaults = Files.readString(Path.of("liberty-config/server.env")).split("\n", 2);
            StringBuilder serverEnv = new StringBuilder(defaults[0]).append('\n');
            env.forEach((k, v) -> serverEnv.append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
            serverEnv.append(defaults[1]).append('\n');
            Files.writeString(dir.resolve("server.env"), serverEnv);
            TestApp.war().as(ZipExporter.class).exportTo(dir.resolve("dropins/" + TestApp.NAME + ".war").toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes server configuration of the test's own to {@code path} in the server folder, e.g.
     * {@code jms-on.xml} (which jobpulse.xml includes with JOBPULSE_JMS=on) or {@code configDropins/overrides/x.xml}.
     */
    public LibertyNode withConfig(String path, String xml) {
        try {
            Path to = dir.resolve(path);
            Files.createDirectories(to.getParent());
            Files.writeString(to, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Drops the tests' open-mode default: the node runs with the settings a real deployment has. */
    public LibertyNode asDeployed() {
        try {
            Files.writeString(dir.resolve("server.xml"), """
                    <server description="jobpulse test node, deployment defaults">
                        <include location="jobpulse.xml"/>
                    </server>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Starts the server and waits until messages.log shows {@code text} (e.g. a failed deployment). */
    public LibertyNode startUntilLogged(String text) {
        run("start");
        removeReaper();
        Runtime.getRuntime().addShutdownHook(reaper);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (messages().contains(text)) {
                return this;
            }
            sleep(250);
        }
        throw new AssertionError("server " + name + " never logged '" + text + "'; see " + dir.resolve("logs/messages.log"));
    }

    /** The server's messages.log so far. */
    public String messages() {
        try {
            Path log = dir.resolve("logs/messages.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until the application answers; kills it when the test JVM exits. */
    public LibertyNode start() {
        run("start");
        removeReaper();
        Runtime.getRuntime().addShutdownHook(reaper);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (answers()) {
                return this;
            }
            sleep(250);
        }
        throw new AssertionError("server " + name + " did not serve the application within " + START_TIMEOUT
                + "; see " + dir.resolve("logs/messages.log"));
    }

    /** An unknown job's 404 problem body proves the application, its store and its database are up. */
    private boolean answers() {
        try {
            HttpResponse<String> r = Http.tryGet(URI.create(url() + "api/jobs/startup-probe"));
            return r != null && r.statusCode() == 404 && r.body().contains("unknown-job");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Ends the server process at once, like a crash or {@code kill -9}: no shutdown code runs. */
    public void kill() {
        pid().flatMap(ProcessHandle::of).filter(this::isThisServer).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    /** Stops the server normally; kills it if that does not work. */
    public void stop() {
        try {
            run("stop");
        } finally {
            kill();
            removeReaper();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String url() {
        return "http://localhost:" + httpPort + "/" + TestApp.NAME + "/";
    }

    public Server server() {
        try {
            return new Server(new URL(url()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's output folder, where the embedded database lives. */
    public Path outputDir() {
        return dir;
    }

    /** A stale pid file could name an unrelated process by now: only this server's JVM is ever killed. */
    private boolean isThisServer(ProcessHandle p) {
        return p.info().commandLine().map(cmd -> cmd.contains("ws-server.jar") && cmd.contains(" " + name)).orElse(false);
    }

    private Optional<Long> pid() {
        Path pidFile = WLP.resolve("usr/servers/.pid/" + name + ".pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void run(String action) {
        try {
            Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(action + ".out").toFile())
                    .start();
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("'server " + action + " " + name + "' did not return");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void removeReaper() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down, or the hook was never added
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
