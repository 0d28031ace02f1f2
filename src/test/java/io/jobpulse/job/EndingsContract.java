package io.jobpulse.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link JobStore} promises about the ends the server decides ({@link Endings}): stored
 * deadlines, due jobs, decisions applied atomically, cancellation requests. Part of {@link JobStoreContract}.
 */
interface EndingsContract {

    JobStore newStore(MutableClock clock, long defaultStaleAfterSeconds);

    MutableClock clock();

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Job applied(Outcome outcome) {
        return assertInstanceOf(Outcome.Applied.class, outcome, () -> "expected applied, got " + outcome).job();
    }

    @Test
    default void everyEventMovesTheStoredDeadlineAndASilentJobBecomesDue() {
        JobStore store = newStore(clock(), 60);
        String jobId = id("stall");
        Job started = applied(store.apply(JobEvent.started(jobId).forOwner("ann", "report")));
        assertEquals(started.updatedAt().plusSeconds(60), started.staleAt());
        clock().advance(Duration.ofSeconds(50));
        Job progressed = applied(store.apply(JobEvent.progress(jobId, 10, null)));
        assertEquals(progressed.updatedAt().plusSeconds(60), progressed.staleAt(), "an event restarts the deadline");
        assertEquals(progressed, store.find(jobId).orElseThrow(), "the deadline is stored");

        clock().advance(Duration.ofSeconds(59));
        assertFalse(store.dueBy(clock().instant(), 1000).contains(jobId));
        clock().advance(Duration.ofSeconds(1));
        assertTrue(store.dueBy(clock().instant(), 1000).contains(jobId));

        Job stalled = applied(store.decide(jobId, Endings::expire));
        assertEquals(JobStatus.FAILED, stalled.status());
        assertEquals(Lifecycle.STALLED, stalled.reason());
        assertEquals("stalled: no update for 60 s", stalled.error());
        assertEquals(progressed.version() + 1, stalled.version());
        assertNull(stalled.staleAt());
        assertEquals(stalled, store.find(jobId).orElseThrow());
        assertFalse(store.dueBy(clock().instant(), 1000).contains(jobId));
        assertInstanceOf(Outcome.Ignored.class, store.decide(jobId, Endings::expire), "it ends once");
    }

    @Test
    default void aProducersDeadlineHoldsForItsLaterEventsAndZeroMeansNone() {
        JobStore store = newStore(clock(), 900);
        String own = id("own");
        applied(store.apply(JobEvent.started(own).forOwner("ann", null).withStaleAfter(5)));
        Job later = applied(store.apply(JobEvent.progress(own, 20, "still here")));
        assertEquals(5, later.staleAfterSeconds());
        assertEquals(later.updatedAt().plusSeconds(5), later.staleAt());

        String none = id("none");
        Job unbounded = applied(store.apply(JobEvent.started(none).forOwner("ann", null).withStaleAfter(0)));
        assertNull(unbounded.staleAt());
        clock().advance(Duration.ofDays(2));
        assertFalse(store.dueBy(clock().instant(), 1000).contains(none));
        assertInstanceOf(Outcome.Ignored.class, store.decide(none, Endings::expire));
    }

    @Test
    default void aLateEventForAStalledJobIsRefusedWithItsOwnCode() {
        JobStore store = newStore(clock(), 10);
        String jobId = id("late");
        applied(store.apply(JobEvent.started(jobId).forOwner("ann", null)));
        clock().advance(Duration.ofSeconds(11));
        applied(store.decide(jobId, Endings::expire));
        Outcome late = store.apply(JobEvent.progress(jobId, 50, "I was only slow"));
        assertEquals("job_stalled", assertInstanceOf(Outcome.Rejected.class, late).code());
        assertEquals(JobStatus.FAILED, store.find(jobId).orElseThrow().status());
    }

    @Test
    default void aCancellationRequestIsStoredOnceAndEndsWhenTheProducerConfirms() {
        JobStore store = newStore(clock(), 900);
        String jobId = id("cancel");
        Job running = applied(store.apply(JobEvent.progress(jobId, 30, null).forOwner("ann", null)));
        Job requested = applied(store.decide(jobId, (job, now) -> Endings.requestCancel(job, now, 20)));
        assertTrue(requested.cancelRequested());
        assertEquals(running.version() + 1, requested.version());
        assertEquals(JobStatus.RUNNING, requested.status());
        assertEquals(requested.updatedAt().plusSeconds(20), requested.staleAt(), "the grace period");
        assertEquals(requested, store.find(jobId).orElseThrow());
        assertInstanceOf(Outcome.Ignored.class, store.decide(jobId, (job, now) -> Endings.requestCancel(job, now, 20)),
                "asking again changes nothing");

        clock().advance(Duration.ofSeconds(5));
        Job busy = applied(store.apply(JobEvent.progress(jobId, 40, "finishing the chunk")));
        assertEquals(requested.staleAt(), busy.staleAt(), "progress does not extend the grace period");
        assertTrue(busy.cancelRequested());

        Job cancelled = applied(store.apply(JobEvent.cancelled(jobId, "stopped on request")));
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals("stopped on request", cancelled.error());
        assertNull(cancelled.reason(), "the producer ended it, not the server");
        Outcome again = store.decide(jobId, (job, now) -> Endings.requestCancel(job, now, 20));
        assertEquals(Cancellation.JOB_FINISHED, assertInstanceOf(Outcome.Rejected.class, again).code());
        assertEquals(cancelled, store.find(jobId).orElseThrow(), "a refused request changes nothing");
    }

    @Test
    default void anUnconfirmedCancellationEndsCancelledAfterTheGracePeriod() {
        JobStore store = newStore(clock(), 0);
        String jobId = id("grace");
        applied(store.apply(JobEvent.started(jobId).forOwner("ann", null)));
        applied(store.decide(jobId, (job, now) -> Endings.requestCancel(job, now, 30)));
        clock().advance(Duration.ofSeconds(30));
        assertTrue(store.dueBy(clock().instant(), 1000).contains(jobId));
        Job ended = applied(store.decide(jobId, Endings::expire));
        assertEquals(JobStatus.CANCELLED, ended.status());
        assertEquals(Lifecycle.CANCEL_TIMEOUT, ended.reason());
        assertEquals("cancelled: the producer did not confirm within 30 s", ended.error());
    }

    @Test
    default void anInterruptedJobFailsWithItsReasonAndAFinishedOneStaysAsItIs() {
        JobStore store = newStore(clock(), 0);
        String running = id("interrupted");
        applied(store.apply(JobEvent.started(running).forOwner("ann", null)));
        Job interrupted = applied(store.decide(running, Endings::interrupt));
        assertEquals(JobStatus.FAILED, interrupted.status());
        assertEquals(Lifecycle.INTERRUPTED, interrupted.reason());
        assertEquals(interrupted, store.find(running).orElseThrow());
        assertInstanceOf(Outcome.Ignored.class, store.decide(running, Endings::interrupt));
        assertInstanceOf(Outcome.Rejected.class, store.decide(id("absent"), (job, now) -> Endings.requestCancel(job, now, 1)));
    }

    @Test
    default void aNodesJobsAreThoseOfItsInProcessProducersStillRunning() {
        JobStore store = newStore(clock(), 0);
        String node = id("node");
        String here = id("here");
        String done = id("done-here");
        String external = id("external");
        Job started = applied(store.apply(JobEvent.started(here).forOwner("ann", null).inNode(node)));
        assertEquals(node, started.node());
        assertEquals(node, applied(store.apply(JobEvent.progress(here, 5, null))).node(), "later events keep it");
        applied(store.apply(JobEvent.started(done).forOwner("ann", null).inNode(node)));
        applied(store.apply(JobEvent.completed(done, null)));
        applied(store.apply(JobEvent.started(external).forOwner("ann", null)));
        assertEquals(java.util.List.of(here), store.activeIn(node));
        assertEquals(node, store.find(here).orElseThrow().node(), "stored");
    }

    @Test
    default void dueJobsAreOnlyUnfinishedOnesPastTheirDeadline() {
        JobStore store = newStore(clock(), 10);
        String done = id("done");
        String waiting = id("waiting");
        applied(store.apply(JobEvent.started(done).forOwner("ann", null)));
        applied(store.apply(JobEvent.completed(done, null)));
        Instant start = clock().instant();
        applied(store.apply(JobEvent.queued(waiting, "ann", null)));
        clock().advance(Duration.ofSeconds(10));
        assertEquals(start.plusSeconds(10), store.find(waiting).orElseThrow().staleAt());
        assertTrue(store.dueBy(clock().instant(), 1000).contains(waiting), "a queued job stalls too");
        assertFalse(store.dueBy(clock().instant(), 1000).contains(done));
    }
}
