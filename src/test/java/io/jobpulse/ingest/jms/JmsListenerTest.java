package io.jobpulse.ingest.jms;

import io.jobpulse.ops.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmsListenerTest {

    static final Map<String, String> LISTENER = Map.of("jobpulse.jms.listener", "on", "jobpulse.jms.listener-file", "included",
            "jobpulse.jms.password", "p", "jobpulse.jms.engine-password", "e");

    static String refusal(Map<String, String> settings) {
        return assertThrows(IllegalStateException.class, () -> JmsListener.describe(new MapConfig(settings))).getMessage();
    }

    static Map<String, String> listenerWith(String key, String value) {
        Map<String, String> settings = new HashMap<>(LISTENER);
        settings.put(key, value);
        return settings;
    }

    @Test
    void byDefaultThereIsNoListener() {
        assertTrue(JmsListener.describe(new MapConfig(Map.of())).contains("in-process only (no network listener"));
        assertTrue(JmsListener.describe(new MapConfig(Map.of("jobpulse.jms.listener", "off"))).contains("no network listener"));
    }

    @Test
    void aListenerWithCredentialsSaysWhereAndThatItRequiresThem() {
        assertEquals("jobpulse JMS: network listener on localhost:7276 (plain TCP), requires credentials: producers log in "
                + "as jobpulse-publisher and may only send to jobpulse.events; other users and wrong passwords are refused",
                JmsListener.describe(new MapConfig(LISTENER)));
        assertTrue(JmsListener.describe(new MapConfig(listenerWith("jobpulse.jms.port", "17276"))).contains("localhost:17276"));
    }

    @Test
    void aListenerWithoutEitherPasswordRefusesToStartNamingTheVariable() {
        Map<String, String> noPublisher = new HashMap<>(LISTENER);
        noPublisher.remove("jobpulse.jms.password");
        assertTrue(refusal(noPublisher).contains("JOBPULSE_JMS_PASSWORD is empty"), refusal(noPublisher));
        String blankEngine = refusal(listenerWith("jobpulse.jms.engine-password", "  "));
        assertTrue(blankEngine.startsWith("jobpulse refuses to start: ") && blankEngine.contains("JOBPULSE_JMS_ENGINE_PASSWORD"),
                blankEngine);
    }

    @Test
    void theListenerFileAlwaysNeedsCredentialsWhateverTheSwitchSays() {
        assertTrue(refusal(Map.of("jobpulse.jms.listener-file", "included")).contains("JOBPULSE_JMS_PASSWORD"));
    }

    @Test
    void theSwitchWithoutTheFileOrAMisspeltSwitchRefusesToStart() {
        assertTrue(refusal(Map.of("jobpulse.jms.listener", "on")).contains("jms-listener-on.xml"));
        assertTrue(refusal(Map.of("jobpulse.jms.listener", "ON")).contains("must be 'on' or 'off'"));
        assertTrue(refusal(Map.of("jobpulse.jms.listener", "yes")).contains("not 'yes'"));
    }
}
