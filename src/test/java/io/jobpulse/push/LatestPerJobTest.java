package io.jobpulse.push;

import io.jobpulse.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jobpulse.push.OutboxTest.progress;
import static io.jobpulse.push.OutboxTest.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Per-job coalescing on its own: what waits, in which order, and what is refused as stale. */
class LatestPerJobTest {

    final LatestPerJob updates = new LatestPerJob();

    List<String> drain() {
        List<String> out = new ArrayList<>();
        for (JobUpdate u = updates.poll(); u != null; u = updates.poll()) {
            out.add(u.job().jobId() + "@" + u.job().version());
        }
        return out;
    }

    @Test
    void aNewerUpdateReplacesTheWaitingOneInItsPlace() {
        assertEquals(LatestPerJob.Offered.QUEUED, updates.offer(progress("a", 1)));
        assertEquals(LatestPerJob.Offered.QUEUED, updates.offer(progress("b", 1)));
        assertEquals(LatestPerJob.Offered.REPLACED, updates.offer(progress("a", 2)));
        assertEquals(2, updates.waiting());
        assertEquals(List.of("a@2", "b@1"), drain());
        assertEquals(0, updates.waiting());
    }

    @Test
    void versionsNeverGoBackAndOnlyASnapshotMayRepeatOne() {
        updates.offer(progress("a", 3));
        drain();
        assertEquals(LatestPerJob.Offered.STALE, updates.offer(progress("a", 2)));
        assertEquals(LatestPerJob.Offered.STALE, updates.offer(progress("a", 3)), "a live repeat");
        JobUpdate snapshot = new JobUpdate(progress("a", 3).job(), false);
        assertEquals(LatestPerJob.Offered.QUEUED, updates.offer(snapshot), "a snapshot may repeat the version");
        updates.alreadyHas("b", null, 5);
        assertEquals(LatestPerJob.Offered.STALE, updates.offer(progress("b", 5)), "the client said it has 5");
    }

    @Test
    void forgettingDropsTheWaitingUpdateAndTheVersions() {
        updates.offer(progress("a", 4));
        updates.offer(progress("b", 1));
        updates.offer(update("c", 1, JobStatus.COMPLETED, 100));
        updates.forget("a");
        updates.forgetIf((jobId, userId) -> jobId.equals("c"));
        assertEquals(1, updates.waiting());
        assertEquals(List.of("b@1"), drain());
        assertEquals(LatestPerJob.Offered.QUEUED, updates.offer(progress("a", 1)), "a forgotten job starts afresh");
    }

    @Test
    void aVersionTheClientSaysItHasDropsAWaitingUpdateThatIsNotNewer() {
        updates.offer(progress("a", 3));
        updates.offer(progress("b", 1));
        updates.alreadyHas("a", "ann", 3);
        assertEquals(1, updates.waiting());
        assertEquals(List.of("b@1"), drain());
        assertEquals(2, updates.remembered());
    }

    @Test
    void forgettingByOwnerDropsVersionsWithoutWaitingUpdatesToo() {
        updates.offer(new JobUpdate(progress("a", 1).job(), false)); // owned by whoever progress() says
        drain();
        String owner = progress("a", 1).job().userId();
        updates.alreadyHas("x", null, 4);
        updates.forgetIf((jobId, userId) -> userId != null && userId.equals(owner));
        assertEquals(1, updates.remembered(), "x has no known owner: kept");
        updates.forgetIf((jobId, userId) -> jobId.equals("x"));
        assertEquals(0, updates.remembered());
    }

    @Test
    void clearingDropsWhatWaitsButKeepsTheVersions() {
        updates.offer(progress("a", 2));
        updates.offer(progress("b", 1));
        assertEquals(2, updates.clear());
        assertNull(updates.poll());
        assertEquals(LatestPerJob.Offered.STALE, updates.offer(progress("a", 2)));
    }
}
