package io.jobpulse.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deadline rules on their own, with a clock moved by hand. */
class EndingsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));

    private Job apply(Job current, JobEvent event, long defaultSeconds) {
        return assertInstanceOf(Outcome.Applied.class, Lifecycle.apply(current, event, clock.instant(), defaultSeconds)).job();
    }

    @Test
    void withoutADefaultOrAProducersDeadlineAJobNeverStalls() {
        Job job = apply(null, JobEvent.started("a").forOwner("u", null), 0);
        assertNull(job.staleAt());
        clock.advance(Duration.ofDays(30));
        assertInstanceOf(Outcome.Ignored.class, Endings.expire(job, clock.instant()));
    }

    @Test
    void aJobIsDueExactlyAtItsDeadline() {
        Job job = apply(null, JobEvent.started("a").forOwner("u", null), 900);
        clock.advance(Duration.ofSeconds(899));
        assertInstanceOf(Outcome.Ignored.class, Endings.expire(job, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        Job stalled = assertInstanceOf(Outcome.Applied.class, Endings.expire(job, clock.instant())).job();
        assertEquals("stalled: no update for 900 s", stalled.error());
        assertEquals(clock.instant(), stalled.updatedAt());
    }

    @Test
    void aDeadlineOutOfRangeIsRejected() {
        for (int seconds : new int[]{-1, Lifecycle.MAX_STALE_AFTER_SECONDS + 1}) {
            Outcome outcome = Lifecycle.apply(null, JobEvent.started("a").forOwner("u", null).withStaleAfter(seconds),
                    clock.instant(), 0);
            assertEquals("invalid_stale_after", assertInstanceOf(Outcome.Rejected.class, outcome).code());
        }
    }

    @Test
    void aJobTheProducerEndedTakesLateEventsAsBefore() {
        Job job = apply(null, JobEvent.started("a").forOwner("u", null), 60);
        Job failed = apply(job, JobEvent.failed("a", "Disk full"), 60);
        assertNull(failed.reason());
        assertInstanceOf(Outcome.Ignored.class, Lifecycle.apply(failed, JobEvent.progress("a", 90, null), clock.instant(), 60));
    }

    @Test
    void aCancelRequestWithoutGraceWaitsForTheProducer() {
        Job job = apply(null, JobEvent.started("a").forOwner("u", null), 60);
        Job requested = assertInstanceOf(Outcome.Applied.class, Endings.requestCancel(job, clock.instant(), 0)).job();
        assertTrue(requested.cancelRequested());
        assertNull(requested.staleAt());
        assertNull(apply(requested, JobEvent.progress("a", 50, null), 60).staleAt(), "no stall either: it was asked to stop");
    }
}
