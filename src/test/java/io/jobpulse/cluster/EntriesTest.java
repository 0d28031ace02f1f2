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

    @Test
    void forgedOrBrokenEntriesAreNotTakenForJobs() {
        Job good = new Job("j-1", "amy", "import", JobStatus.RUNNING, 40, "m", null, null, 3,
                Instant.parse("2030-01-01T10:00:00Z"), Instant.parse("2030-01-01T10:00:01Z"));
        String json = jsonb.toJson(good);
        assertEquals(good, Entries.job(Map.of("node", "n", "job", json), jsonb));
        assertNull(Entries.job(Map.of("node", "n", "job", "{not json"), jsonb), "unreadable");
        assertNull(Entries.job(Map.of("node", "n", "job", json.replace("\"j-1\"", "\"bad id\"")), jsonb), "bad job id");
        assertNull(Entries.job(Map.of("node", "n", "job", json.replace("\"progress\":40", "\"progress\":400")), jsonb));
        assertNull(Entries.job(Map.of("node", "n", "job", json.replace("\"version\":3", "\"version\":0")), jsonb));
        assertNull(Entries.job(Map.of("node", "n", "job", "{\"jobId\":\"j\"}"), jsonb), "no status, owner, times");
        String huge = json.replace("\"m\"", "\"" + "x".repeat(Entries.MAX_JOB_JSON_CHARS) + "\"");
        assertNull(Entries.job(Map.of("node", "n", "job", huge), jsonb), "oversized");
    }

    @Test
    void anEntryMustNameItsNodeInTheFormNodesUse() {
        assertTrue(Entries.validNode(Entries.resync("0f8b2c1e-7a8e-4c1b-9a51-3b7d1e2f4a6c")));
        assertFalse(Entries.validNode(Map.of("resync", "1")), "no node");
        assertFalse(Entries.validNode(Map.of("node", "", "resync", "1")));
        assertFalse(Entries.validNode(Map.of("node", "n".repeat(65), "resync", "1")));
        assertFalse(Entries.validNode(Map.of("node", "a b\n", "resync", "1")));
    }
}
