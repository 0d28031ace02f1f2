package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobChanged;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.JobsPurged;
import io.jobpulse.job.MemoryJobStore;
import io.jobpulse.job.Outcome;
import io.jobpulse.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The way changes and purges reach the hub, through the per-job rate limit. */
class HubFeedTest {

    final JobStore store = new MemoryJobStore(Clock.systemUTC());
    final Hub hub = new Hub(TestStats.create());
    final List<Runnable> later = new ArrayList<>();
    final HubFeed feed = new HubFeed(hub, TestStats.create(), 1, (task, delay) -> later.add(task));

    Job change(JobEvent event) {
        return ((Outcome.Applied) store.apply(event)).job();
    }

    @Test
    void changesInsideTheIntervalWaitAndTheLatestGoesOut() {
        List<String> frames = new ArrayList<>();
        Connection c = TestConnections.connect(hub, "1", Caller.OPEN, frames);
        hub.subscribe(c, Topic.job("j"));

        feed.onChanged(new JobChanged(change(JobEvent.started("j").forOwner("ann", null)), false));
        feed.onChanged(new JobChanged(change(JobEvent.progress("j", 10, null)), false));
        feed.onChanged(new JobChanged(change(JobEvent.progress("j", 20, null)), false));
        assertEquals(List.of("j@1"), frames.stream().map(TestConnections::describe).toList());

        later.remove(0).run();
        assertEquals(List.of("j@1", "j@3"), frames.stream().map(TestConnections::describe).toList());
    }

    @Test
    void aPurgeForgetsTheJobsSubscriptionsAndItsWaitingChange() {
        List<String> frames = new ArrayList<>();
        Connection c = TestConnections.connect(hub, "1", Caller.OPEN, frames);
        hub.subscribe(c, Topic.job("j"));
        feed.onChanged(new JobChanged(change(JobEvent.started("j").forOwner("ann", null)), false));
        feed.onChanged(new JobChanged(change(JobEvent.progress("j", 10, null)), false));

        feed.onPurged(new JobsPurged(List.of("j")));
        later.forEach(Runnable::run);

        assertEquals(0, hub.listeners(Topic.job("j")));
        assertTrue(c.topics().isEmpty());
        assertEquals(List.of("j@1"), frames.stream().map(TestConnections::describe).toList());
    }
}
