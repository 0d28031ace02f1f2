package io.jobpulse.ops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupSummaryTest {

    @Test
    void theLineNamesTheModeAndOnlyWhatWasChanged() {
        String line = StartupSummary.summary(new MapConfig(Map.of(
                "jobpulse.ws.max-subscriptions", "200",
                "JOBPULSE_RETENTION_FINISHED_SECONDS", "60",
                "jobpulse.db.url", "jdbc:postgresql://db:5432/jobs",
                "jobpulse.db.password", "hunter2",
                "jobpulse.redis.uri", "redis://app:s3cret@redis:6379",
                "mp.jwt.verify.publickey.location", "https://idp/jwks",
                "unrelated.key", "x")));
        assertTrue(line.startsWith("jobpulse started: security=on, store=jdbc (jdbc:postgresql://db:5432/jobs), "
                + "cluster=redis://****@redis:6379; "), line);
        assertTrue(line.contains("jobpulse.ws.max-subscriptions=200"), line);
        assertTrue(line.contains("JOBPULSE_RETENTION_FINISHED_SECONDS=60"), line);
        assertFalse(line.contains("hunter2") || line.contains("s3cret"), "no secrets: " + line);
        assertFalse(line.contains("jobpulse.db."), "database variables are shown once, in the mode: " + line);
        assertFalse(line.contains("unrelated"), line);
    }

    @Test
    void theSwitchesServerEnvAlwaysSetsAreNotChangesAtTheirDefaults() {
        String line = StartupSummary.summary(new MapConfig(Map.of("JOBPULSE_JMS", "off", "jobpulse.jms", "off",
                "JOBPULSE_JMS_LISTENER", "off", "jobpulse.jms.listener", "off")));
        assertTrue(line.endsWith("settings changed from their defaults: none"), line);
        assertTrue(StartupSummary.summary(new MapConfig(Map.of("JOBPULSE_JMS", "on"))).endsWith("{JOBPULSE_JMS=on}"));
    }

    @Test
    void anUnconfiguredNodeSaysItIsOpen() {
        assertEquals("jobpulse started: security=OFF (open demo mode), store=jdbc (embedded H2), cluster=off; "
                + "settings changed from their defaults: none", StartupSummary.summary(new MapConfig(Map.of())));
    }

    @Test
    void passwordsInsideUrlsAreMaskedWhereverTheyStand() {
        assertEquals("jdbc:postgresql://db:5432/jobs?user=app&password=****&ssl=true",
                StartupSummary.withoutPassword("jdbc:postgresql://db:5432/jobs?user=app&password=s3cret&ssl=true"));
        assertEquals("jdbc:h2:/data/x;USER=a;PASSWORD=****;WRITE_DELAY=0",
                StartupSummary.withoutPassword("jdbc:h2:/data/x;USER=a;PASSWORD=pw;WRITE_DELAY=0"));
        assertEquals("jdbc:postgresql://db/jobs?sslpassword=****&sslkey=****",
                StartupSummary.withoutPassword("jdbc:postgresql://db/jobs?sslpassword=p&sslkey=/k.pem"));
        assertEquals("rediss://****@cache:6380/0", StartupSummary.withoutPassword("rediss://u:p@cache:6380/0"));
        assertEquals("jdbc:postgresql://db/jobs?user=app", StartupSummary.withoutPassword("jdbc:postgresql://db/jobs?user=app"));
    }
}
