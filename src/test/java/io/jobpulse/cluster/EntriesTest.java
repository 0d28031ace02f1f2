package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream entry format: what one node writes, another must read back unchanged. */
class EntriesTest {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withAdapters(new JobStatus.JsonAdapter()));

    @Test
    void aChangeCarriesTheWholeJobAndItsNode() {
        Job job = new Job("import-7", "amy", "import", JobStatus.COMPLETED, 100, "done",
                Json.createObjectBuilder().add("rows", 3).add("files", Json.createArrayBuilder().add("a.csv")).build(),
                null, 9, Instant.parse("2030-01-01T10:00:00.123456Z"), Instant.parse("2030-01-01T10:05:00Z"));
        Map<String, String> fields = Entries.change("node-1", job, jsonb);

        assertEquals(job, Entries.job(fields, jsonb));
        assertTrue(Entries.fromNode(fields, "node-1"));
        assertFalse(Entries.fromNode(fields, "node-2"));
        assertFalse(Entries.isResync(fields));
    }

    @Test
    void aChangeCarriesCancellationReasonAndDeadline() {
        Instant at = Instant.parse("2030-01-01T10:00:00Z");
        Job job = new Job("export-1", "amy", null, JobStatus.RUNNING, 40, null, null, null, 3, at, at,
                true, null, 120, at.plusSeconds(30), null);
        assertEquals(job, Entries.job(Entries.change("node-1", job, jsonb), jsonb));
        Job here = new Job("export-3", "amy", null, JobStatus.RUNNING, 1, null, null, null, 2, at, at,
                false, null, null, null, "host/server");
        assertFalse(jsonb.toJson(here).contains("host/server"), "the producer's server stays inside");
        Job stalled = new Job("export-2", "amy", null, JobStatus.FAILED, 40, null, null, "stalled: no update for 900 s",
                4, at, at, false, "stalled", null, null, null);
        assertEquals(stalled, Entries.job(Entries.change("node-1", stalled, jsonb), jsonb));
    }

    @Test
    void aResyncRequestCarriesNoJob() {
        Map<String, String> fields = Entries.resync("node-2");
        assertTrue(Entries.isResync(fields));
        assertTrue(Entries.fromNode(fields, "node-2"));
        assertNull(Entries.job(fields, jsonb));
    }
}
