package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.MemoryJobStore;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.ReplyLimit;
import io.jobpulse.push.Snapshots;
import io.jobpulse.push.TestStats;
import io.jobpulse.push.Topic;
import io.jobpulse.push.WireFormat;
import io.jobpulse.security.Caller;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After an outage of the stream, a node re-reads from the store what its clients follow. */
class ResyncTest {

    final JobStore store = new MemoryJobStore(Clock.systemUTC());
    final Hub hub = new Hub(TestStats.create());
    final Snapshots snapshots = new Snapshots(store);

    Connection connect(String id) {
        Connection c = hub.connect(id, WireFormat.PLAIN, (text, done) -> done.onResult(new SendResult()),
                (code, reason) -> { }, new ReplyLimit(16, 1 << 20));
        c.caller(Caller.OPEN);
        return c;
    }

    @Test
    void everyFollowedJobIsReadOnceWithItsStoredStateAndNothingElse() {
        store.apply(JobEvent.started("j1").forOwner("ann", null));
        store.apply(JobEvent.progress("j1", 40, null));
        store.apply(JobEvent.started("j2").forOwner("ann", null));
        store.apply(JobEvent.started("j3").forOwner("bob", null));
        store.apply(JobEvent.started("j4").forOwner("cat", null));
        Connection first = connect("1");
        Connection second = connect("2");
        hub.subscribe(first, Topic.user("ann"));
        hub.subscribe(first, Topic.job("j1"));
        hub.subscribe(second, Topic.job("j1"));
        hub.subscribe(second, Topic.job("j3"));
        hub.subscribe(second, Topic.job("not-created-yet"));

        Map<String, Long> versions = ClusterBridge.followed(hub, snapshots).stream()
                .collect(Collectors.toMap(Job::jobId, Job::version)); // throws on a job read twice

        assertEquals(Map.of("j1", 2L, "j2", 1L, "j3", 1L), versions);
    }

    @Test
    void aNodeWithoutSubscriptionsReadsNothing() {
        Connection idle = connect("idle");
        hub.subscribe(idle, Topic.job("j"));
        hub.unsubscribe(idle, Topic.job("j"));
        assertTrue(ClusterBridge.followed(hub, snapshots).isEmpty());
    }
}
