package io.jobpulse.job;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link JobStore} promises, run against each implementation (memory, H2, PostgreSQL).
 * Stores of one implementation may share a database across tests, so every test uses fresh ids.
 */
public abstract class JobStoreContract implements EndingsContract {

    /**
     * A new store over this implementation's (possibly shared) storage, reading time from {@code clock},
     * with the stall deadline of jobs whose producer sets none (0 = none).
     */
    @Override
    public abstract JobStore newStore(MutableClock clock, long defaultStaleAfterSeconds);

    protected JobStore newStore(MutableClock clock) {
        return newStore(clock, 0);
    }

    protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00.123456Z"));

    @Override
    public MutableClock clock() {
        return clock;
    }

    protected static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static Job applied(Outcome outcome) {
        return assertInstanceOf(Outcome.Applied.class, outcome, () -> "expected applied, got " + outcome).job();
    }

    @Test
    void firstEventCreatesTheJobAtVersionOne() {
        JobStore store = newStore(clock);
        String jobId = id("create");
        Job job = applied(store.apply(JobEvent.queued(jobId, "ann", "report")));
        assertEquals(1, job.version());
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals("ann", job.userId());
        assertEquals("report", job.type());
        assertEquals(job, store.find(jobId).orElseThrow());
    }

    @Test
    void everyAcceptedChangeIsStoredAtTheNextVersion() {
        JobStore store = newStore(clock);
        String jobId = id("steps");
        applied(store.apply(JobEvent.queued(jobId, "ben", null)));
        clock.advance(Duration.ofSeconds(1));
        applied(store.apply(JobEvent.started(jobId)));
        Job progress = applied(store.apply(JobEvent.progress(jobId, 40, "Parsing")));
        assertEquals(3, progress.version());
        assertEquals(progress, store.find(jobId).orElseThrow(), "what apply returned is what a reader gets");

        JsonValue result = Json.createObjectBuilder().add("rows", 3)
                .add("files", Json.createArrayBuilder().add("a.csv").add(JsonValue.NULL)).build();
        clock.advance(Duration.ofMillis(1500));
        Job done = applied(store.apply(JobEvent.completed(jobId, result)));
        assertEquals(4, done.version());
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(100, done.progress());
        assertEquals("Parsing", done.message());
        assertEquals(done, store.find(jobId).orElseThrow());
        assertEquals(result, store.find(jobId).orElseThrow().result());
        assertEquals(Instant.parse("2030-01-01T10:00:00.123456Z"), done.createdAt());
        assertEquals(Instant.parse("2030-01-01T10:00:02.623456Z"), done.updatedAt());
    }

    @Test
    void failedJobKeepsItsError() {
        JobStore store = newStore(clock);
        String jobId = id("fail");
        store.apply(new JobEvent(JobEvent.Kind.STARTED, jobId, "cat", null, null, null, null, null, null));
        Job failed = applied(store.apply(JobEvent.failed(jobId, "Disk full")));
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("Disk full", store.find(jobId).orElseThrow().error());
        assertNull(store.find(jobId).orElseThrow().result());
    }

    @Test
    void firstEventWithoutAnOwnerIsRejectedAndCreatesNothing() {
        JobStore store = newStore(clock);
        String jobId = id("orphan");
        Outcome outcome = store.apply(JobEvent.progress(jobId, 10, null));
        assertEquals("unknown_job", assertInstanceOf(Outcome.Rejected.class, outcome).code());
        assertTrue(store.find(jobId).isEmpty());
    }

    @Test
    void progressGoingBackwardsIsRejectedAndChangesNothing() {
        JobStore store = newStore(clock);
        String jobId = id("back");
        store.apply(JobEvent.queued(jobId, "dan", null));
        store.apply(JobEvent.progress(jobId, 50, "half"));
        Outcome outcome = store.apply(JobEvent.progress(jobId, 20, "less"));
        assertEquals("progress_backwards", assertInstanceOf(Outcome.Rejected.class, outcome).code());
        Job stored = store.find(jobId).orElseThrow();
        assertEquals(2, stored.version());
        assertEquals(50, stored.progress());
    }

    @Test
    void eventsAfterTheEndAreIgnored() {
        JobStore store = newStore(clock);
        String jobId = id("late");
        store.apply(JobEvent.queued(jobId, "eve", null));
        store.apply(JobEvent.cancelled(jobId, "user asked"));
        assertInstanceOf(Outcome.Ignored.class, store.apply(JobEvent.progress(jobId, 90, null)));
        assertInstanceOf(Outcome.Ignored.class, store.apply(JobEvent.completed(jobId, null)));
        Job stored = store.find(jobId).orElseThrow();
        assertEquals(JobStatus.CANCELLED, stored.status());
        assertEquals(2, stored.version());
    }

    @Test
    void aJobsOwnerNeverChanges() {
        JobStore store = newStore(clock);
        String jobId = id("owner");
        store.apply(JobEvent.queued(jobId, "fay", null));
        Outcome outcome = store.apply(JobEvent.started(jobId).forOwner("mallory", null));
        assertEquals("owner_mismatch", assertInstanceOf(Outcome.Rejected.class, outcome).code());
        assertEquals("fay", store.find(jobId).orElseThrow().userId());
    }

    @Test
    void unknownJobIsNotFound() {
        assertTrue(newStore(clock).find(id("nothing")).isEmpty());
    }

    @Test
    void usersJobsComeNewestFirstFilteredAndLimited() {
        JobStore store = newStore(clock);
        String user = id("gus");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String jobId = id("mine" + i);
            created.add(jobId);
            store.apply(JobEvent.queued(jobId, user, null));
            clock.advance(Duration.ofSeconds(1));
        }
        store.apply(JobEvent.queued(id("theirs"), id("hal"), null));
        store.apply(JobEvent.completed(created.get(3), null));

        assertEquals(List.of(created.get(3), created.get(2), created.get(1), created.get(0)),
                ids(store.findByUser(user, false, 10)));
        assertEquals(List.of(created.get(2), created.get(1), created.get(0)), ids(store.findByUser(user, true, 10)));
        assertEquals(List.of(created.get(3), created.get(2)), ids(store.findByUser(user, false, 2)));
        assertTrue(store.findByUser(id("nobody"), false, 10).isEmpty());
    }

    @Test
    void purgeRemovesOnlyJobsThatFinishedBeforeTheCutoff() {
        MutableClock past = new MutableClock(Instant.parse("2001-01-01T00:00:00Z"));
        JobStore store = newStore(past);
        String user = id("ida");
        String oldDone = id("old-done");
        String oldRunning = id("old-running");
        String newDone = id("new-done");
        store.apply(JobEvent.queued(oldDone, user, null));
        store.apply(JobEvent.queued(oldRunning, user, null));
        store.apply(JobEvent.failed(oldDone, "broken"));
        past.advance(Duration.ofHours(2));
        store.apply(JobEvent.queued(newDone, user, null));
        store.apply(JobEvent.completed(newDone, null));

        List<String> purged = store.purgeFinishedBefore(Instant.parse("2001-01-01T01:00:00Z"));

        assertEquals(List.of(oldDone), purged);
        assertTrue(store.find(oldDone).isEmpty());
        assertTrue(store.find(oldRunning).isPresent(), "an unfinished job is never purged");
        assertTrue(store.find(newDone).isPresent(), "a job that finished after the cutoff is kept");
        assertEquals(Set.of(oldRunning, newDone), Set.copyOf(ids(store.findByUser(user, false, 10))));
    }

    @Test
    void aBatchHasTheOutcomesOfItsEventsAppliedOneByOneInOrder() {
        JobStore store = newStore(clock);
        String a = id("batch-a");
        String b = id("batch-b");
        List<Outcome> outcomes = store.applyAll(List.of(
                JobEvent.started(a).forOwner("bo", null),
                JobEvent.progress(a, 40, "forty"),
                JobEvent.progress(b, 10, null),
                JobEvent.progress(a, 20, null),
                JobEvent.started(b).forOwner("bo", null),
                JobEvent.progress(null, 5, null),
                JobEvent.progress(b, 30, null),
                JobEvent.completed(a, null),
                JobEvent.progress(a, 90, null)));
        assertEquals(9, outcomes.size());
        assertEquals(1, applied(outcomes.get(0)).version());
        assertEquals(40, applied(outcomes.get(1)).progress());
        assertEquals("unknown_job", assertInstanceOf(Outcome.Rejected.class, outcomes.get(2)).code(), "b is created later");
        assertEquals("progress_backwards", assertInstanceOf(Outcome.Rejected.class, outcomes.get(3)).code());
        assertEquals(1, applied(outcomes.get(4)).version());
        assertEquals("invalid_job_id", assertInstanceOf(Outcome.Rejected.class, outcomes.get(5)).code());
        assertEquals(2, applied(outcomes.get(6)).version());
        assertEquals(3, applied(outcomes.get(7)).version());
        assertInstanceOf(Outcome.Ignored.class, outcomes.get(8), "after the end");
        assertEquals(applied(outcomes.get(7)), store.find(a).orElseThrow());
        assertEquals(applied(outcomes.get(6)), store.find(b).orElseThrow());
    }

    /**
     * A NUL (which PostgreSQL cannot store in text) or another control character in a text is refused
     * with its own code, on every store, and the rest of the batch is applied: one bad event never
     * fails the whole batch (HTTP 500, JMS redelivery and dead letter).
     */
    @Test
    void controlCharactersInTextsAreRefusedAndTheRestOfTheBatchIsApplied() {
        JobStore store = newStore(clock);
        String jobId = id("nul");
        List<Outcome> outcomes = store.applyAll(List.of(
                JobEvent.started(jobId).forOwner("cy", null),
                JobEvent.progress(jobId, 10, "a\u0000b"),
                JobEvent.progress(jobId, 20, "\u001b[31mred"),
                JobEvent.failed(jobId, "disk\u0000full"),
                JobEvent.progress(jobId, 30, "tab\tand\r\nlines")));
        assertEquals("invalid_message", assertInstanceOf(Outcome.Rejected.class, outcomes.get(1)).code());
        assertEquals("invalid_message", assertInstanceOf(Outcome.Rejected.class, outcomes.get(2)).code());
        assertEquals("invalid_error", assertInstanceOf(Outcome.Rejected.class, outcomes.get(3)).code());
        Job last = applied(outcomes.get(4));
        assertEquals(2, last.version());
        assertEquals("tab\tand\r\nlines", last.message());
        assertEquals(last, store.find(jobId).orElseThrow());
    }

    @Test
    void concurrentEventsOnOneJobNeverLoseAnUpdateOrShareAVersion() throws Exception {
        JobStore store = newStore(clock);
        String jobId = id("race");
        store.apply(JobEvent.started(jobId).forOwner("jo", null));
        Set<Long> versions = applyConcurrently(List.of(store), jobId, 8, 160);
        assertEquals(160, versions.size(), "every event got its own version");
        assertEquals(2L, ((TreeSet<Long>) versions).first());
        assertEquals(161L, ((TreeSet<Long>) versions).last());
        assertEquals(161, store.find(jobId).orElseThrow().version());
    }

    @Test
    void concurrentEventsOnManyJobsAreEachAppliedOnce() throws Exception {
        JobStore store = newStore(clock);
        List<String> jobIds = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            String jobId = id("many" + j);
            jobIds.add(jobId);
            store.apply(JobEvent.started(jobId).forOwner("kai", null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                JobEvent event = JobEvent.progress(jobIds.get(i % jobIds.size()), 10, "m" + i);
                outcomes.add(pool.submit(() -> store.apply(event)));
            }
            for (Future<Outcome> f : outcomes) {
                applied(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (String jobId : jobIds) {
            assertEquals(11, store.find(jobId).orElseThrow().version(), "ten events on " + jobId + ", none lost");
        }
    }

    /**
     * Fires {@code events} progress events at one job from {@code threads} threads, spread over the
     * given stores, and returns the versions they were applied at.
     */
    protected static Set<Long> applyConcurrently(List<JobStore> stores, String jobId, int threads, int events)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                JobStore store = stores.get(i % stores.size());
                String message = "m" + i;
                outcomes.add(pool.submit(() -> store.apply(JobEvent.progress(jobId, 10, message))));
            }
            Set<Long> versions = new TreeSet<>();
            for (Future<Outcome> f : outcomes) {
                assertTrue(versions.add(applied(f.get()).version()), "a version was handed out twice");
            }
            return versions;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ids(List<Job> jobs) {
        List<String> ids = new ArrayList<>();
        jobs.forEach(j -> ids.add(j.jobId()));
        assertFalse(ids.contains(null));
        return ids;
    }
}
