package io.jobpulse.it;

import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.SocketIoApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The official JavaScript {@code socket.io-client} (npm, version pinned in src/test/js) against the
 * deployed server, through a framework-free frontend client: connect, subscribe, every event of
 * a demo job in order and its completion, an idle period of many pings, and a reconnect with
 * resubscription and polling fallback after the server closed the socket. The app is deployed at
 * context root "/", as in production, so the client needs nothing but the server's URL.
 */
@ExtendWith(ArquillianExtension.class)
class SocketIoJsClientIT {

    private static final int PING_INTERVAL_MS = 500;
    private static final Path JS = Path.of(System.getProperty("basedir", "."), "src", "test", "js");

    @Deployment(testable = false)
    static WebArchive app() {
        return SocketIoApp.withTimings(PING_INTERVAL_MS, 2000, 45000)
                .addAsWebInfResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <web-ext xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.1">
                            <context-root uri="/"/>
                        </web-ext>
                        """), "ibm-web-ext.xml");
    }

    @ArquillianResource
    URL deployment;

    @Test
    void aFrontendsCodeWithTheOfficialClientPassesEndToEnd() throws Exception {
        if (!Files.isDirectory(JS.resolve("node_modules"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        String app = new Server(deployment).root("").toString();
        Result e2e = run(List.of("node", "e2e.mjs", app, String.valueOf(PING_INTERVAL_MS)), 120);
        System.out.println(e2e.output());
        assertEquals(0, e2e.exitCode(), "node e2e.mjs failed:\n" + e2e.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("jobpulse-js", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(JS.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            Result result = new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            if (result.exitCode() != 0 && command.get(0).equals("npm")) {
                throw new AssertionError("npm ci failed:\n" + result.output());
            }
            return result;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
