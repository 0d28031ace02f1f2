package io.jobpulse.ingest;

import io.jobpulse.ingest.ReplayGuard.Verdict;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.MutableClock;
import io.jobpulse.job.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();

    private Outcome applied(long version) {
        runs.incrementAndGet();
        return new Outcome.Applied(new Job("j", "u", null, JobStatus.RUNNING, 0, null, null, null, version,
                Instant.EPOCH, Instant.EPOCH));
    }

    private Outcome rejected() {
        runs.incrementAndGet();
        return new Outcome.Rejected("progress_backwards", "no");
    }

    @Test
    void aReplayedEventRunsOnceAndAnswersTheOriginalVersion() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        assertInstanceOf(Verdict.Ran.class, guard.applyOnce("j", "e1", () -> applied(7)));
        Verdict again = guard.applyOnce("j", "e1", () -> applied(8));
        assertEquals(new Verdict.Replay(7), again);
        assertEquals(1, runs.get());
    }

    @Test
    void eventIdsArePerJob() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        guard.applyOnce("j", "1", () -> applied(1));
        assertInstanceOf(Verdict.Ran.class, guard.applyOnce("k", "1", () -> applied(1)));
        assertEquals(2, runs.get());
    }

    @Test
    void aRejectedEventIsNotRememberedSoACorrectedRetryApplies() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        guard.applyOnce("j", "e1", this::rejected);
        assertInstanceOf(Verdict.Ran.class, guard.applyOnce("j", "e1", () -> applied(2)));
        assertEquals(2, runs.get());
    }

    @Test
    void eventsAreForgottenAfterTheWindow() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        guard.applyOnce("j", "e1", () -> applied(1));
        clock.advance(Duration.ofMinutes(4));
        assertInstanceOf(Verdict.Replay.class, guard.applyOnce("j", "e1", () -> applied(2)));
        clock.advance(Duration.ofMinutes(2));
        assertInstanceOf(Verdict.Ran.class, guard.applyOnce("j", "e1", () -> applied(2)));
    }

    @Test
    void theOldestEventsAreForgottenBeyondTheCapacity() {
        ReplayGuard guard = new ReplayGuard(3, Duration.ofHours(1), clock);
        for (int i = 0; i < 5; i++) {
            int v = i;
            guard.applyOnce("j", "e" + i, () -> applied(v));
        }
        assertEquals(3, guard.size());
        assertInstanceOf(Verdict.Ran.class, guard.applyOnce("j", "e0", () -> applied(9)), "forgotten");
        assertInstanceOf(Verdict.Replay.class, guard.applyOnce("j", "e4", () -> applied(9)), "remembered");
    }

    @Test
    void concurrentDeliveriesOfOneEventApplyItOnce() throws Exception {
        ReplayGuard guard = new ReplayGuard(100, Duration.ofHours(1), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Verdict>> verdicts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                verdicts.add(pool.submit(() -> {
                    start.await();
                    return guard.applyOnce("j", "same", () -> applied(1));
                }));
            }
            start.countDown();
            int ran = 0;
            for (Future<Verdict> f : verdicts) {
                ran += f.get() instanceof Verdict.Ran ? 1 : 0;
            }
            assertEquals(1, ran);
            assertEquals(1, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingApplyLeavesNoClaimBehind() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        try {
            guard.applyOnce("j", "e1", () -> {
                throw new IllegalStateException("store down");
            });
        } catch (IllegalStateException expected) {
            // the producer sees the failure
        }
        assertInstanceOf(Verdict.Ran.class, guard.applyOnce("j", "e1", () -> applied(1)));
    }

    @Test
    void aClaimInFlightIsBusyForACallerThatMustNotWaitThenAReplayOnceSettled() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        ReplayGuard.Claim.Held held = assertInstanceOf(ReplayGuard.Claim.Held.class, guard.claim("j", "e1", false));
        assertInstanceOf(ReplayGuard.Claim.Busy.class, guard.claim("j", "e1", false));
        assertInstanceOf(ReplayGuard.Claim.Held.class, guard.claim("j", "e2", false), "other events are free");
        guard.settle(held, applied(4));
        assertEquals(4, assertInstanceOf(ReplayGuard.Claim.Replay.class, guard.claim("j", "e1", false)).version());
    }

    @Test
    void anAbandonedOrUnappliedClaimCanBeClaimedAgain() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5), clock);
        guard.abandon((ReplayGuard.Claim.Held) guard.claim("j", "e1", false));
        ReplayGuard.Claim.Held again = assertInstanceOf(ReplayGuard.Claim.Held.class, guard.claim("j", "e1", false));
        guard.settle(again, rejected());
        assertInstanceOf(ReplayGuard.Claim.Held.class, guard.claim("j", "e1", true));
    }

    @Test
    void refusesACapacityOutsideItsBoundsNamingTheSetting() {
        for (int ids : new int[]{0, RememberedEvents.MAX_CAPACITY + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ReplayGuard(ids, Duration.ofMinutes(5), clock));
            assertTrue(e.getMessage().contains("jobpulse.ingest.replay.max-ids"), e.getMessage());
        }
        assertEquals(0, new ReplayGuard(RememberedEvents.MAX_CAPACITY, Duration.ofMinutes(5), clock).size());
    }
}
