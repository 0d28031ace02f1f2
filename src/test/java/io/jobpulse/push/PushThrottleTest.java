package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PushThrottleTest {

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final List<Long> published = new ArrayList<>();
    final List<Runnable> scheduled = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    final AtomicInteger coalesced = new AtomicInteger();
    /** 10 per second: one push per job per 100 ms. */
    final PushThrottle throttle = new PushThrottle(10, job -> published.add(job.version()),
            (task, delay) -> {
                scheduled.add(task);
                delays.add(delay);
            }, clock::get, coalesced::incrementAndGet);

    static Job job(long version, JobStatus status) {
        Instant t = Instant.EPOCH;
        return new Job("j", "u", null, status, 0, null, null, null, version, t, t);
    }

    @Test
    void theFirstChangeGoesOutAtOnceAndLaterOnesWaitForTheInterval() {
        throttle.offer(job(1, JobStatus.RUNNING));
        assertEquals(List.of(1L), published);
        clock.addAndGet(30_000_000L);
        throttle.offer(job(2, JobStatus.RUNNING));
        assertEquals(List.of(1L), published, "inside the interval");
        assertEquals(List.of(70_000_000L), delays, "flushed when the interval ends");
        throttle.offer(job(3, JobStatus.RUNNING));
        throttle.offer(job(4, JobStatus.RUNNING));
        assertEquals(1, scheduled.size(), "one flush per interval, however many changes");
        assertEquals(2, coalesced.get());
        clock.addAndGet(70_000_000L);
        scheduled.get(0).run();
        assertEquals(List.of(1L, 4L), published, "the latest state wins");
    }

    @Test
    void aChangeAfterAQuietIntervalGoesOutAtOnce() {
        throttle.offer(job(1, JobStatus.RUNNING));
        clock.addAndGet(150_000_000L);
        throttle.offer(job(2, JobStatus.RUNNING));
        assertEquals(List.of(1L, 2L), published);
        assertEquals(0, scheduled.size());
    }

    @Test
    void aFinishedJobIsPushedAtOnceAndItsPendingProgressDropped() {
        throttle.offer(job(1, JobStatus.RUNNING));
        throttle.offer(job(2, JobStatus.RUNNING));
        throttle.offer(job(3, JobStatus.COMPLETED));
        assertEquals(List.of(1L, 3L), published);
        scheduled.get(0).run();
        assertEquals(List.of(1L, 3L), published, "the pending progress was older than the terminal state");
        assertEquals(0, throttle.size(), "a finished job leaves no state behind");
    }

    @Test
    void zeroMeansNoLimit() {
        PushThrottle unlimited = new PushThrottle(0, job -> published.add(job.version()), (t, d) -> scheduled.add(t),
                clock::get, coalesced::incrementAndGet);
        for (long v = 1; v <= 5; v++) {
            unlimited.offer(job(v, JobStatus.RUNNING));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), published);
        assertEquals(0, scheduled.size());
    }
}
