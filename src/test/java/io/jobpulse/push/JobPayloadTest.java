package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.JsonbProducer;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written payload JSON is exactly what the shared JSON-B instance writes for the record. */
class JobPayloadTest {

    final Jsonb jsonb = JsonbProducer.create();
    final Instant created = Instant.parse("2026-11-25T10:00:00Z");

    void assertSameAsJsonb(Job job) {
        JobPayload payload = JobPayload.of(job);
        assertEquals(jsonb.toJson(payload), payload.json());
    }

    @Test
    void progressWithMessage() {
        assertSameAsJsonb(new Job("note-import-42", "user123", "note-import", JobStatus.RUNNING, 40,
                "Parsing file", null, null, 7, created, Instant.parse("2026-11-25T10:00:03.125Z")));
    }

    @Test
    void cancelRequestedAndTheServersReason() {
        Instant at = Instant.parse("2026-11-25T10:00:03Z");
        assertSameAsJsonb(new Job("c", "u", "t", JobStatus.RUNNING, 40, "m", null, null, 8, created, at,
                true, null, 60, at.plusSeconds(30), "host/server"));
        assertSameAsJsonb(new Job("s", "u", "t", JobStatus.FAILED, 40, "m", null, "stalled: no update for 60 s", 9,
                created, at, false, "stalled", 60, null, null));
        String json = JobPayload.of(new Job("c", "u", "t", JobStatus.RUNNING, 40, null, null, null, 8, created, at,
                true, null, null, null, null)).json();
        assertTrue(json.contains("\"cancelRequested\":true"), json);
        assertFalse(JobPayload.of(new Job("c", "u", "t", JobStatus.RUNNING, 40, null, null, null, 8, created, at))
                .json().contains("cancelRequested"), "left out unless requested, as before");
    }

    @Test
    void completedWithANestedResult() {
        JsonValue result = Json.createObjectBuilder().add("pages", 12).add("ratio", new BigDecimal("0.25"))
                .add("names", Json.createArrayBuilder().add("a\"b").add(JsonValue.NULL).add(true))
                .add("nested", Json.createObjectBuilder().add("x", "line\nbreak")).build();
        assertSameAsJsonb(new Job("r", "u", null, JobStatus.COMPLETED, 100, null, result, null, 12,
                created, Instant.parse("2026-11-25T10:00:03.123456789Z")));
    }

    @Test
    void timestampsKeepTheirPrecision() {
        for (String t : new String[]{"2026-11-25T10:00:00Z", "2026-11-25T10:00:00.100Z", "2026-11-25T10:00:00.000001Z",
                "2026-11-25T10:00:00.000000001Z", "1999-01-02T03:04:05.060708Z"}) {
            assertSameAsJsonb(new Job("t", "u", "x", JobStatus.RUNNING, 1, null, null, null, 3, created, Instant.parse(t)));
        }
    }

    @Test
    void failedWithoutOwnerOrType() {
        assertSameAsJsonb(new Job("f", null, null, JobStatus.FAILED, 3, null, null, "Disk full", 2,
                created, created));
    }

    @Test
    void cancelledWithAScalarResultAndNullJsonValue() {
        assertSameAsJsonb(new Job("c", "u", "t", JobStatus.CANCELLED, 0, "m", JsonValue.NULL, "stopped", 4,
                created, created));
        assertSameAsJsonb(new Job("c", "u", "t", JobStatus.COMPLETED, 100, null, Json.createValue("done"), null,
                5, created, created));
    }

    @Test
    void textIsEscapedLikeJsonP() {
        String nasty = "quote\" backslash\\ slash/ tab\t cr\r lf\n bs\b ff\f nul\u0000 unit\u001f del\u007f "
                + "é 漢字 \uD83D\uDE00 \u2028";
        assertSameAsJsonb(new Job("q", nasty, nasty, JobStatus.QUEUED, 0, nasty, null, nasty, 1, created, created));
    }
}
