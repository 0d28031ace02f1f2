package io.jobpulse.ingest.batchevents;

import io.jobpulse.ops.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BatchEventsStatusTest {

    private static BatchEventsStatus.Line describe(Map<String, String> settings, boolean published) {
        return BatchEventsStatus.describe(new MapConfig(settings), () -> published);
    }

    @Test
    void offSaysNothingAndLooksNothingUp() {
        assertNull(BatchEventsStatus.describe(new MapConfig(Map.of()), () -> fail("looked up the publisher")));
        assertNull(BatchEventsStatus.describe(new MapConfig(Map.of("jobpulse.batch-events", "false")),
                () -> fail("looked up the publisher")));
    }

    @Test
    void onWithThePublisherBoundSaysSo() {
        BatchEventsStatus.Line line = describe(Map.of("jobpulse.batch-events", "true",
                "jobpulse.batch-events-file", "included"), true);
        assertEquals(Level.INFO, line.level());
        assertTrue(line.text().startsWith("Liberty batch events: on."), line.text());
    }

    @Test
    void aWarmStartThatKeptTheOldFeaturesIsToldToStartClean() {
        BatchEventsStatus.Line line = describe(Map.of("jobpulse.batch-events", "true",
                "jobpulse.batch-events-file", "included"), false);
        assertEquals(Level.WARNING, line.level());
        assertTrue(line.text().contains("server start --clean"), line.text());
        assertTrue(line.text().contains("Batch events stay off"), line.text());
    }

    @Test
    void trueWithoutTheFileNamesTheEnvironmentVariable() {
        BatchEventsStatus.Line line = describe(Map.of("jobpulse.batch-events", "true"), false);
        assertEquals(Level.WARNING, line.level());
        assertTrue(line.text().contains("JOBPULSE_BATCH_EVENTS=true"), line.text());
        assertFalse(line.text().contains("--clean"), line.text());
    }

    @Test
    void aValueThatIsNeitherTrueNorFalseKeepsThemOff() {
        BatchEventsStatus.Line line = describe(Map.of("jobpulse.batch-events", "yes"), true);
        assertEquals(Level.WARNING, line.level());
        assertTrue(line.text().contains("yes is neither true nor false"), line.text());
    }
}
