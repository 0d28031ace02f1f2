package io.jobpulse.ingest.jms;

import io.jobpulse.ops.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmsListenerCheckTest {

    @Test
    void theDefaultIsTheEmbeddedEngineWithoutAListener() {
        assertTrue(JmsListenerCheck.describe(new MapConfig(Map.of())).contains("no network listener"));
    }

    @Test
    void aListenerWithoutEitherPasswordRefusesToStartNamingTheVariable() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> JmsListenerCheck.describe(new MapConfig(Map.of("jobpulse.jms", "listener"))));
        assertTrue(none.getMessage().contains("JOBPULSE_JMS_PASSWORD"), none.getMessage());
        IllegalStateException blankEngine = assertThrows(IllegalStateException.class,
                () -> JmsListenerCheck.describe(new MapConfig(Map.of("jobpulse.jms", "listener",
                        "jobpulse.jms.password", "p", "jobpulse.jms.engine-password", "  "))));
        assertTrue(blankEngine.getMessage().contains("JOBPULSE_JMS_ENGINE_PASSWORD"), blankEngine.getMessage());
    }

    @Test
    void aListenerWithCredentialsSaysWhereAndWho() {
        String line = JmsListenerCheck.describe(new MapConfig(Map.of("jobpulse.jms", "listener", "jms.port", "17276",
                "jobpulse.jms.password", "p", "jobpulse.jms.engine-password", "e")));
        assertEquals("jobpulse JMS: network listener on *:17276 (TLS 7286), messaging security on: producers log in "
                + "as jobpulse-publisher and may only send to jobpulse.events", line);
    }

    @Test
    void anUnknownModeRefusesToStart() {
        assertThrows(IllegalStateException.class,
                () -> JmsListenerCheck.describe(new MapConfig(Map.of("jobpulse.jms", "off"))));
    }
}
