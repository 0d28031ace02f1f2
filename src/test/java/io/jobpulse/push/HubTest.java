package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.MemoryJobStore;
import io.jobpulse.job.Outcome;
import io.jobpulse.security.Caller;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubTest {

    final JobStore store = new MemoryJobStore(Clock.systemUTC());
    final Hub hub = new Hub(TestStats.create());
    final Snapshots snapshots = new Snapshots(store);

    /** A connection whose socket completes every send at once and records it. */
    record Client(Connection connection, List<String> frames) {
    }

    /** A connection with security off: it may see every job. */
    Client connect(String id) {
        return connect(id, Caller.OPEN);
    }

    Client connect(String id, Caller caller) {
        List<String> frames = new ArrayList<>();
        return new Client(TestConnections.connect(hub, id, caller, frames), frames);
    }

    /** Subscribes as a subscribe request does, and returns the snapshot it answers with. */
    List<Job> subscribe(Connection connection, Topic topic) {
        hub.subscribe(connection, topic);
        return snapshots.visibleTo(connection, topic);
    }

    /**
     * A server-side close forgets the connection's subscriptions at once, yet the protocol's
     * farewell (Socket.IO's DISCONNECT) still goes out after the write in flight, then the socket closes.
     */
    @Test
    void aCloseForgetsAtOnceYetStillWritesTheFarewellBehindTheWriteInFlight() {
        List<String> sent = new ArrayList<>();
        List<SendHandler> inFlight = new ArrayList<>();
        List<String> closedWith = new ArrayList<>();
        Connection c = hub.connect("farewell", WireFormat.PLAIN, (text, done) -> {
            sent.add(text);
            inFlight.add(done);
        }, (code, reason) -> closedWith.add(code + " " + reason), new ReplyLimit(16, 1 << 20));
        c.farewells(code -> code == CloseCodes.POLICY_VIOLATION ? "41" : null);
        hub.subscribe(c, Topic.job("a"));
        c.reply("ack"); // in flight
        c.reply("queued"); // discarded by the close

        c.close(CloseCause.FLOOD, "flood");

        assertEquals(0, hub.listeners(Topic.job("a")), "subscriptions are gone at once");
        assertTrue(closedWith.isEmpty(), "not closed while the farewell waits");
        inFlight.remove(0).onResult(new SendResult());
        assertEquals(List.of("ack", "41"), sent);
        inFlight.remove(0).onResult(new SendResult());
        assertEquals(List.of("1008 flood"), closedWith);
    }

    Job change(JobEvent event) {
        Job job = ((Outcome.Applied) store.apply(event)).job();
        hub.publish(new JobUpdate(job));
        return job;
    }

    @Test
    void aChangeReachesJobAndOwnerSubscribersOnceEach() {
        Client byJob = connect("1");
        Client byUser = connect("2");
        Client both = connect("3");
        Client stranger = connect("4");
        hub.subscribe(byJob.connection(), Topic.job("j"));
        hub.subscribe(byUser.connection(), Topic.user("alice"));
        hub.subscribe(both.connection(), Topic.job("j"));
        hub.subscribe(both.connection(), Topic.user("alice"));
        hub.subscribe(stranger.connection(), Topic.user("bob"));

        change(JobEvent.started("j").forOwner("alice", null));

        assertEquals(1, byJob.frames().size());
        assertEquals(1, byUser.frames().size());
        assertEquals(1, both.frames().size());
        assertEquals(0, stranger.frames().size());
    }

    @Test
    void subscribeReturnsTheCurrentStateOfWhatItCovers() {
        change(JobEvent.started("j1").forOwner("carol", null));
        change(JobEvent.started("j2").forOwner("carol", null));
        Client c = connect("1");
        assertEquals(2, subscribe(c.connection(), Topic.user("carol")).size());
        assertEquals(1, subscribe(c.connection(), Topic.job("j1")).size());
        assertTrue(subscribe(c.connection(), Topic.job("not-yet")).isEmpty());
    }

    @Test
    void unsubscribeAndDisconnectRemoveEverySubscription() {
        Client c = connect("1");
        hub.subscribe(c.connection(), Topic.job("j"));
        hub.subscribe(c.connection(), Topic.user("dan"));
        hub.unsubscribe(c.connection(), Topic.job("j"));
        assertEquals(0, hub.listeners(Topic.job("j")));
        assertEquals(1, hub.listeners(Topic.user("dan")));

        hub.disconnect(c.connection());
        assertEquals(0, hub.listeners(Topic.user("dan")));
        assertEquals(0, hub.connectionCount());
        change(JobEvent.started("j").forOwner("dan", null));
        assertTrue(c.frames().isEmpty());
    }

    @Test
    void unsubscribeDropsAWaitingUpdateOfTheJobUnlessAnotherSubscriptionCoversIt() {
        List<String> frames = new ArrayList<>();
        List<SendHandler> inFlight = new ArrayList<>();
        Connection c = hub.connect("1", WireFormat.PLAIN, (text, done) -> {
            frames.add(text);
            inFlight.add(done);
        }, (code, reason) -> { }, new ReplyLimit(16, 1 << 20));
        c.caller(Caller.OPEN);
        hub.subscribe(c, Topic.job("x"));
        hub.subscribe(c, Topic.job("y"));
        hub.subscribe(c, Topic.user("fay"));
        change(JobEvent.started("x").forOwner("gus", null)); // in flight: the socket is slow
        change(JobEvent.progress("x", 10, null));            // waits
        change(JobEvent.started("y").forOwner("fay", null));  // waits

        hub.unsubscribe(c, Topic.job("x"));
        c.reply("ack x");
        hub.unsubscribe(c, Topic.job("y"));
        c.reply("ack y");
        change(JobEvent.progress("x", 20, null));
        while (!inFlight.isEmpty()) {
            inFlight.remove(0).onResult(new SendResult());
        }

        assertEquals(List.of("x@1", "ack x", "ack y", "y@1"), frames.stream().map(TestConnections::describe).toList(),
                "y is still covered by the user subscription; x is not");
    }

    @Test
    void aSubscriptionRacingWithDisconnectDoesNotLeak() {
        Client c = connect("1");
        hub.disconnect(c.connection());
        hub.subscribe(c.connection(), Topic.job("late"));
        assertEquals(0, hub.listeners(Topic.job("late")));
    }

    @Test
    void aPurgedJobIsForgottenByItsSubscribers() {
        Client c = connect("1");
        hub.subscribe(c.connection(), Topic.job("gone"));
        change(JobEvent.started("gone").forOwner("erin", null));
        hub.forgetJob("gone");
        assertEquals(0, hub.listeners(Topic.job("gone")));
        assertTrue(c.connection().topics().isEmpty());
    }

    @Test
    void aJobIdSubscriptionMadeBeforeSomeoneElseCreatesTheJobNeverDeliversIt() {
        Client mallory = connect("m", TestConnections.user("mallory"));
        Client alice = connect("a", TestConnections.user("alice"));
        hub.subscribe(mallory.connection(), Topic.job("guess"));
        hub.subscribe(alice.connection(), Topic.job("guess"));

        change(JobEvent.started("guess").forOwner("alice", null));
        change(JobEvent.progress("guess", 50, "half"));

        assertTrue(mallory.frames().isEmpty(), "a non-owner gets nothing: " + mallory.frames());
        assertEquals(2, alice.frames().size());
        assertTrue(subscribe(mallory.connection(), Topic.job("guess")).isEmpty(), "nor in a snapshot");
    }

    @Test
    void anAdminSeesEveryonesJobsAndAnUnauthenticatedConnectionNothing() {
        change(JobEvent.started("owned").forOwner("bob", null));
        Client admin = connect("admin", TestConnections.user("root", Caller.ADMIN));
        Client nobody = connect("nobody", Caller.NOBODY);
        assertEquals(1, subscribe(admin.connection(), Topic.job("owned")).size());
        assertTrue(subscribe(nobody.connection(), Topic.job("owned")).isEmpty());

        change(JobEvent.progress("owned", 10, "a bit"));

        assertEquals(1, admin.frames().size());
        assertTrue(nobody.frames().isEmpty());
    }
}
