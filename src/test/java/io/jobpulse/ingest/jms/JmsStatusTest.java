package io.jobpulse.ingest.jms;

import io.jobpulse.ops.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmsStatusTest {

    /** What jms-on.xml sets. */
    static final Map<String, String> INGEST = Map.of("jobpulse.jms", "on", "jobpulse.jms.ingest-file", "included");

    static final Map<String, String> LISTENER = Map.of("jobpulse.jms", "on", "jobpulse.jms.ingest-file", "included",
            "jobpulse.jms.listener", "on", "jobpulse.jms.listener-file", "included",
            "jobpulse.jms.password", "p", "jobpulse.jms.engine-password", "e");

    static JmsStatus.Line describe(Map<String, String> settings) {
        return JmsStatus.describe(new MapConfig(settings), () -> true);
    }

    static String refusal(Map<String, String> settings) {
        return assertThrows(IllegalStateException.class, () -> describe(settings)).getMessage();
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> settings = new HashMap<>(base);
        settings.put(key, value);
        return settings;
    }

    @Test
    void byDefaultJmsIngestIsOffAndSaysHowToTurnItOn() {
        for (Map<String, String> defaults : new Map[] {Map.of(), Map.of("jobpulse.jms", "off", "jobpulse.jms.listener", "off")}) {
            JmsStatus.Line line = describe(defaults);
            assertEquals(Level.INFO, line.level());
            assertEquals("jobpulse JMS ingest: off, no messaging engine for it (JOBPULSE_JMS=on turns it on)", line.text());
        }
    }

    @Test
    void anUnknownOrBlankValueIsOffAndAnUnknownOneIsWarnedAbout() {
        JmsStatus.Line yes = describe(Map.of("jobpulse.jms", "yes"));
        assertEquals(Level.WARNING, yes.level());
        assertEquals("JOBPULSE_JMS=yes is neither on nor off: JMS ingest stays off", yes.text());
        assertTrue(describe(Map.of("jobpulse.jms", "ON")).text().endsWith("JMS ingest stays off"));
        assertTrue(describe(Map.of("jobpulse.jms", " ")).text().endsWith("JMS ingest stays off"));
    }

    @Test
    void onWithoutLibertyHavingReadTheFileIsWarnedAboutAndStaysOff() {
        JmsStatus.Line line = describe(Map.of("jobpulse.jms", "on"));
        assertEquals(Level.WARNING, line.level());
        assertTrue(line.text().contains("set the environment variable JOBPULSE_JMS=on") && line.text().endsWith("stays off"),
                line.text());
    }

    @Test
    void onWithoutAListenerIsInProcessOnly() {
        JmsStatus.Line line = describe(INGEST);
        assertEquals(Level.INFO, line.level());
        assertTrue(line.text().startsWith("jobpulse JMS ingest: on, embedded engine, in-process only (no network listener"),
                line.text());
        assertTrue(describe(with(INGEST, "jobpulse.jms.listener", "off")).text().contains("no network listener"));
    }

    @Test
    void theListenerWithoutJmsIngestRefusesToStartAndOpensNothing() {
        String refusal = refusal(Map.of("jobpulse.jms.listener", "on"));
        assertTrue(refusal.startsWith("jobpulse refuses to start: JOBPULSE_JMS_LISTENER=on opens the network listener of "
                + "JMS ingest, and JMS ingest is off: set JOBPULSE_JMS=on"), refusal);
        assertTrue(refusal(Map.of("jobpulse.jms", "yes", "jobpulse.jms.listener", "on")).contains("JMS ingest is off"));
    }

    @Test
    void aListenerWithCredentialsSaysWhereAndThatItRequiresThem() {
        assertEquals("jobpulse JMS ingest: on, network listener on localhost:7276 (plain TCP), requires credentials: "
                + "producers log in as jobpulse-publisher and may only send to jobpulse.events; other users and wrong "
                + "passwords are refused", describe(LISTENER).text());
        assertTrue(describe(with(LISTENER, "jobpulse.jms.port", "17276")).text().contains("localhost:17276"));
    }

    @Test
    void aListenerWithoutEitherPasswordRefusesToStartNamingTheVariable() {
        Map<String, String> noPublisher = new HashMap<>(LISTENER);
        noPublisher.remove("jobpulse.jms.password");
        assertTrue(refusal(noPublisher).contains("JOBPULSE_JMS_PASSWORD is empty"), refusal(noPublisher));
        String blankEngine = refusal(with(LISTENER, "jobpulse.jms.engine-password", "  "));
        assertTrue(blankEngine.startsWith("jobpulse refuses to start: ") && blankEngine.contains("JOBPULSE_JMS_ENGINE_PASSWORD"),
                blankEngine);
    }

    @Test
    void onWithoutTheEngineBoundRefusesToStartAndSaysHowToFixIt() {
        String refusal = assertThrows(IllegalStateException.class,
                () -> JmsStatus.describe(new MapConfig(INGEST), () -> false)).getMessage();
        assertTrue(refusal.startsWith("jobpulse refuses to start: JOBPULSE_JMS=on and Liberty read jms-on.xml, but it kept "
                + "the features of the previous start") && refusal.contains("server start --clean"), refusal);
        assertEquals(Level.INFO, JmsStatus.describe(new MapConfig(Map.of()), () -> false).level(), "off: never asked");
    }

    @Test
    void theListenerFileAlwaysNeedsCredentialsWhateverTheSwitchesSay() {
        assertTrue(refusal(Map.of("jobpulse.jms.listener-file", "included")).contains("JOBPULSE_JMS_PASSWORD"));
    }

    @Test
    void theSwitchWithoutTheFileOrAMisspeltSwitchRefusesToStart() {
        assertTrue(refusal(with(INGEST, "jobpulse.jms.listener", "on")).contains("jms-listener-on.xml"));
        assertTrue(refusal(with(INGEST, "jobpulse.jms.listener", "ON")).contains("must be 'on' or 'off'"));
        assertTrue(refusal(Map.of("jobpulse.jms.listener", "yes")).contains("not 'yes'"));
    }
}
