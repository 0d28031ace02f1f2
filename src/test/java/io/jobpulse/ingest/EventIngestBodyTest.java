package io.jobpulse.ingest;

import io.jobpulse.ingest.EventIngest.Body;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIngestBodyTest {

    private final EventIngest ingest = new EventIngest(null, null, 3, 1000, 10, Duration.ofMinutes(1));

    private Body.Unreadable unreadable(String text) {
        return assertInstanceOf(Body.Unreadable.class, ingest.read(text));
    }

    @Test
    void anObjectIsOneEventAndAnArrayIsSeveral() {
        assertEquals(1, assertInstanceOf(Body.Events.class, ingest.read("{\"jobId\":\"a\"}")).events().size());
        assertEquals(3, assertInstanceOf(Body.Events.class, ingest.read("[{},{},5]")).events().size());
    }

    @Test
    void unreadableBodiesSayWhy() {
        assertEquals("empty-body", unreadable(" ").code());
        assertEquals("invalid-json", unreadable("{\"jobId\":").code());
        assertEquals("invalid-json", unreadable("[{}] trailing").code());
        assertEquals("invalid-json", unreadable("{} {}").code());
        assertEquals("invalid-body", unreadable("\"started\"").code());
        assertEquals("empty-batch", unreadable("[]").code());
        assertFalse(unreadable("[]").tooLarge());
    }

    @Test
    void anArrayOverTheBatchLimitIsTooLarge() {
        Body.Unreadable u = unreadable("[{},{},{},{}]");
        assertEquals("batch-too-large", u.code());
        assertTrue(u.tooLarge());
        assertTrue(u.reason().contains("at most 3"), u.reason());
    }
}
