package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.ListeningSockets;
import io.jobpulse.it.harness.Server;
import io.jobpulse.it.harness.TestApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liberty batch events are off by default, and off means absent: the test server runs the
 * application's own messaging.xml and server.env without the setting, and nothing publishes batch
 * events, nothing subscribes to them, nothing extra listens.
 */
class BatchEventsOffIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    @Test
    void withoutTheSettingNothingPublishesSubscribesOrListens() throws IOException {
        String log = Server.serverLog();
        assertTrue(log.contains("batch-events-false.xml"), "the off file is the one Liberty included");
        assertFalse(log.contains("batch-events-true.xml"), "the on file was not read");
        assertFalse(log.contains("CWWKG0084W"), "no include left unresolved");
        String features = log.lines().filter(l -> l.contains("CWWKF0012I")).findFirst().orElseThrow();
        assertFalse(features.contains("batchManagement"), features);
        assertFalse(log.contains("CWWKY0218I"), "the batch runtime publishes no events");
        assertTrue(log.contains("CNTR4116I: The message endpoint for the BatchEvents message-driven bean"),
                "the subscriber is deployed but its endpoint not activated (autoStart=false)");
        assertFalse(log.contains("activation specification jms/jobpulse/batchEvents and message driven bean"),
                "no endpoint was activated for it");

        String name = System.getProperty("it.server");
        // Arquillian starts the JVM itself (no pid file): find it by its command line
        long pid = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar") && c.endsWith(" " + name)
                        || c.contains("ws-server.jar") && c.contains(" " + name + " ")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no JVM of server " + name)).pid();
        Path workarea = Path.of(System.getProperty("wlp.home"), "usr", "servers", name, "workarea");
        String command = Files.readString(workarea.resolve(".sCommand")).trim();
        int commandPort = Integer.parseInt(command.substring(command.lastIndexOf(':') + 1));
        // Arquillian's deployer attaches to this JVM, which starts the JDK's local management agent:
        // its RMI export listens on a random port on every interface. That is the test harness, not
        // jobpulse (BatchEventsIT measures "only HTTP, HTTPS and the command port" on a server no
        // tool attached to), so here: the command port, and no wasJms listener
        Set<Integer> all = ListeningSockets.of(pid);
        assertTrue(all.contains(deployment.getPort()) && all.contains(commandPort), all.toString());
        assertFalse(all.contains(7276) || all.contains(7286), "no wasJms listener: " + all);
    }
}
