package io.jobpulse.job;

import io.jobpulse.job.Outcome.Applied;
import io.jobpulse.job.Outcome.Ignored;
import io.jobpulse.job.Outcome.Rejected;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-25T10:00:01Z");

    static Job apply(Job current, JobEvent event) {
        return assertInstanceOf(Applied.class, Lifecycle.apply(current, event, T1)).job();
    }

    static Job running() {
        return assertInstanceOf(Applied.class, Lifecycle.apply(null,
                JobEvent.started("j-1").forOwner("alice", "import"), T0)).job();
    }

    @Test
    void firstEventCreatesTheJobAtVersionOne() {
        Job job = running();
        assertEquals(1, job.version());
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals("alice", job.userId());
        assertEquals("import", job.type());
        assertEquals(T0, job.createdAt());
        assertEquals(T0, job.updatedAt());
    }

    @Test
    void queuedEventCreatesAQueuedJob() {
        Job job = apply(null, JobEvent.queued("j-q", "alice", null));
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(0, job.progress());
        assertEquals(1, job.version());
    }

    @Test
    void firstEventWithoutOwnerIsRejected() {
        Rejected r = assertInstanceOf(Rejected.class, Lifecycle.apply(null, JobEvent.progress("j-1", 5, null), T0));
        assertEquals("unknown_job", r.code());
        assertTrue(r.reason().contains("userId"));
    }

    @Test
    void everyAcceptedChangeBumpsTheVersionByOne() {
        Job job = running();
        job = apply(job, JobEvent.progress("j-1", 10, "Parsing"));
        assertEquals(2, job.version());
        job = apply(job, JobEvent.progress("j-1", 10, "Still parsing"));
        assertEquals(3, job.version());
        assertEquals("Still parsing", job.message());
        assertEquals(T1, job.updatedAt());
        assertEquals(T0, job.createdAt());
    }

    @Test
    void progressStartsAQueuedJob() {
        Job queued = apply(null, JobEvent.queued("j-q", "alice", null));
        Job job = apply(queued, JobEvent.progress("j-q", 5, null));
        assertEquals(JobStatus.RUNNING, job.status());
    }

    @Test
    void progressOutsideZeroToHundredIsRejected() {
        Job job = running();
        for (int bad : new int[]{-1, 101, 150}) {
            Rejected r = assertInstanceOf(Rejected.class, Lifecycle.apply(job, JobEvent.progress("j-1", bad, null), T1));
            assertEquals("invalid_progress", r.code());
            assertTrue(r.reason().contains(Integer.toString(bad)));
        }
    }

    @Test
    void progressNeverGoesBackwards() {
        Job job = apply(running(), JobEvent.progress("j-1", 40, null));
        Rejected r = assertInstanceOf(Rejected.class, Lifecycle.apply(job, JobEvent.progress("j-1", 30, null), T1));
        assertEquals("progress_backwards", r.code());
        assertTrue(r.reason().contains("40 -> 30"));
    }

    @Test
    void completionCarriesTheResultAndFullProgress() {
        Job done = apply(apply(running(), JobEvent.progress("j-1", 60, "Writing")),
                JobEvent.completed("j-1", Json.createObjectBuilder().add("rows", 3).build()));
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(100, done.progress());
        assertEquals(3, done.result().asJsonObject().getInt("rows"));
        assertNull(done.error());
        assertEquals("Writing", done.message());
    }

    @Test
    void failureAndCancellationCarryAnError() {
        Job failed = apply(running(), JobEvent.failed("j-1", "Disk full"));
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("Disk full", failed.error());
        Job cancelled = apply(running(), JobEvent.cancelled("j-1", null));
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals("cancelled", cancelled.error());
    }

    @Test
    void aFinishedJobIgnoresEveryFurtherEvent() {
        Job done = apply(running(), JobEvent.completed("j-1", null));
        for (JobEvent late : new JobEvent[]{JobEvent.progress("j-1", 100, null), JobEvent.failed("j-1", "x"),
                JobEvent.completed("j-1", null), JobEvent.started("j-1")}) {
            Ignored i = assertInstanceOf(Ignored.class, Lifecycle.apply(done, late, T1));
            assertTrue(i.reason().contains("completed"));
        }
    }

    @Test
    void repeatedStartAndQueueAreIgnoredNotErrors() {
        Job job = running();
        assertInstanceOf(Ignored.class, Lifecycle.apply(job, JobEvent.started("j-1"), T1));
        assertInstanceOf(Ignored.class, Lifecycle.apply(job, JobEvent.queued("j-1", "alice", null), T1));
    }

    @Test
    void theOwnerNeverChanges() {
        Rejected r = assertInstanceOf(Rejected.class,
                Lifecycle.apply(running(), JobEvent.progress("j-1", 5, null).forOwner("mallory", null), T1));
        assertEquals("owner_mismatch", r.code());
    }

    @Test
    void idsLabelsAndTextsAreChecked() {
        assertEquals("invalid_job_id", rejectedCode(JobEvent.started("bad id").forOwner("a", null)));
        assertEquals("invalid_job_id", rejectedCode(JobEvent.started("x".repeat(129)).forOwner("a", null)));
        assertEquals("invalid_job_id", rejectedCode(JobEvent.started(null).forOwner("a", null)));
        assertEquals("invalid_user_id", rejectedCode(JobEvent.started("j").forOwner("a b", null)));
        assertEquals("invalid_type", rejectedCode(JobEvent.started("j").forOwner("a", "no spaces")));
        assertEquals("message_too_long", rejectedCode(
                JobEvent.progress("j", 1, "m".repeat(Lifecycle.MAX_MESSAGE_LENGTH + 1)).forOwner("a", null)));
        assertEquals("invalid_message", rejectedCode(JobEvent.progress("j", 1, "a\u0000b").forOwner("a", null)));
        assertEquals("invalid_message", rejectedCode(JobEvent.progress("j", 1, "\u001b[31mred").forOwner("a", null)));
        assertEquals("invalid_error", rejectedCode(JobEvent.failed("j", "disk\u0000full").forOwner("a", null)));
        assertEquals(1, apply(null, JobEvent.progress("j", 1, "tab\tand\r\nlines").forOwner("a", null)).version(),
                "tab and line breaks are text");
        assertEquals("invalid_event", rejectedCode(null));
        assertEquals(1, apply(null, JobEvent.started("Az09._:-").forOwner("user@example.com|x+1", null)).version());
    }

    private static String rejectedCode(JobEvent event) {
        return assertInstanceOf(Rejected.class, Lifecycle.apply(null, event, T0)).code();
    }
}
