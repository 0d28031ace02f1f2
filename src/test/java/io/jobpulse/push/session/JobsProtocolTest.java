package io.jobpulse.push.session;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.MemoryJobStore;
import io.jobpulse.job.Outcome;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.JobUpdate;
import io.jobpulse.push.Snapshots;
import io.jobpulse.push.TestConnections;
import io.jobpulse.push.TestStats;
import io.jobpulse.push.Topic;
import io.jobpulse.security.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.jobpulse.push.session.SubscriptionRequestTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules both socket endpoints share, on a real hub and store, without a container. */
class JobsProtocolTest {

    final JobStore store = new MemoryJobStore(Clock.systemUTC());
    final Hub hub = new Hub(TestStats.create());
    final JobsProtocol protocol = new JobsProtocol();

    /** One client: its connection, and everything written to it in order (replies as "reply:<kind>"). */
    record Client(Connection connection, List<String> frames) {
        Reply handle(JobsProtocol protocol, String op, String args) {
            List<Reply> replies = new ArrayList<>();
            Consumer<Reply> replier = reply -> {
                replies.add(reply);
                connection.reply("reply:" + (reply instanceof Reply.Error e ? e.code() : "ok"));
            };
            Reply.Error limited = protocol.admit(connection); // as both endpoints do, before decoding
            if (limited != null) {
                replier.accept(limited);
            } else {
                protocol.handle(connection, op, json(args), replier);
            }
            assertEquals(1, replies.size(), "one reply per request");
            return replies.get(0);
        }
    }

    @BeforeEach
    void settings() {
        protocol.hub = hub;
        protocol.snapshots = new Snapshots(store);
        protocol.settings = new SocketSettings();
        protocol.maxSubscriptions = 3;
        protocol.maxConnectionsPerUser = 1;
        protocol.requestsPerSecond = 0.001;
        protocol.requestBurst = 10;
        protocol.settings.maxRateLimited = 3;
        protocol.checkSettings();
    }

    Client connect(Caller caller) {
        List<String> frames = new ArrayList<>();
        return new Client(TestConnections.connect(hub, "c" + hub.connectionCount(), caller, frames), frames);
    }

    Job change(JobEvent event) {
        return ((Outcome.Applied) store.apply(event)).job();
    }

    @Test
    void aSubscribeIsAnsweredFirstThenTheStateOfWhatTheClientDoesNotHave() {
        change(JobEvent.started("a").forOwner("ann", null));
        change(JobEvent.progress("a", 10, null));
        change(JobEvent.started("b").forOwner("ann", null));
        Client ann = connect(TestConnections.user("ann"));

        Reply reply = ann.handle(protocol, JobsProtocol.SUBSCRIBE, "{'userId':'ann','versions':{'a':2}}");

        Reply.Ok ok = assertInstanceOf(Reply.Ok.class, reply);
        assertEquals(List.of("b"), ok.jobs().stream().map(Job::jobId).toList());
        assertEquals(List.of("reply:ok", "b@1"), ann.frames().stream().map(TestConnections::describe).toList());
    }

    @Test
    void aClientThatHasEverythingIsUpToDate() {
        change(JobEvent.started("a").forOwner("ann", null));
        Client ann = connect(TestConnections.user("ann"));
        Reply.Ok ok = assertInstanceOf(Reply.Ok.class, ann.handle(protocol, "subscribe", "{'jobId':'a','afterVersion':1}"));
        assertTrue(ok.upToDate());
        assertEquals(List.of("reply:ok"), ann.frames());
    }

    @Test
    void madeUpVersionsAreNotRememberedAndResubscribingDoesNotGrowTheConnection() {
        change(JobEvent.started("a").forOwner("ann", null));
        change(JobEvent.progress("a", 10, null));
        Client ann = connect(TestConnections.user("ann"));
        protocol.requestBurst = 1000;
        for (int round = 0; round < 20; round++) {
            StringBuilder versions = new StringBuilder("{'a':2");
            for (int i = 0; i < 50; i++) {
                versions.append(",'made-up-").append(round).append('-').append(i).append("':7");
            }
            ann.handle(protocol, "subscribe", "{'userId':'ann','versions':" + versions + "}}");
        }
        assertEquals(1, ann.connection().outbox().remembered(), "only the one real job of the snapshot");
        assertEquals(1, hub.rememberedJobs());

        hub.publish(new JobUpdate(store.find("a").orElseThrow())); // a late live copy of version 2
        hub.publish(new JobUpdate(change(JobEvent.progress("a", 20, null))));
        assertEquals(List.of("a@3"), ann.frames().stream().filter(f -> !f.startsWith("reply:"))
                .map(TestConnections::describe).toList(), "the version the client had is still never repeated");
    }

    @Test
    void anUnsubscribeForgetsTheVersionsOfJobsNoLongerFollowed() {
        change(JobEvent.started("a").forOwner("ann", null));
        Client ann = connect(TestConnections.user("ann"));
        protocol.requestBurst = 1000;
        for (int round = 0; round < 20; round++) {
            ann.handle(protocol, "subscribe", "{'jobId':'made-up-" + round + "','afterVersion':3}");
            ann.handle(protocol, "unsubscribe", "{'jobId':'made-up-" + round + "'}");
        }
        ann.handle(protocol, "subscribe", "{'userId':'ann'}");
        assertEquals(1, ann.connection().outbox().remembered());
        ann.handle(protocol, "unsubscribe", "{'userId':'ann'}");
        assertEquals(0, ann.connection().outbox().remembered());
    }

    @Test
    void unsubscribeIsAcknowledgedAndEndsTheSubscription() {
        Client ann = connect(TestConnections.user("ann"));
        ann.handle(protocol, "subscribe", "{'jobId':'a'}");
        Reply.Ok ok = assertInstanceOf(Reply.Ok.class, ann.handle(protocol, "unsubscribe", "{'jobId':'a'}"));
        assertEquals(new Reply.Ok(List.of(), true), ok);
        assertEquals(0, hub.listeners(Topic.job("a")));
    }

    @Test
    void onlyOnesOwnUserMayBeWatchedUnlessAdmin() {
        assertEquals("forbidden", code(connect(TestConnections.user("mallory")).handle(protocol, "subscribe", "{'userId':'ann'}")));
        assertInstanceOf(Reply.Ok.class, connect(TestConnections.user("root", Caller.ADMIN)).handle(protocol, "subscribe", "{'userId':'ann'}"));
    }

    @Test
    void subscriptionsPerConnectionAndConnectionsPerUserAreBounded() {
        Client ann = connect(TestConnections.user("ann"));
        ann.handle(protocol, "subscribe", "{'jobId':'a'}");
        ann.handle(protocol, "subscribe", "{'jobId':'b'}");
        ann.handle(protocol, "subscribe", "{'userId':'ann'}");
        assertEquals("too_many_subscriptions", code(ann.handle(protocol, "subscribe", "{'jobId':'c'}")));
        assertInstanceOf(Reply.Ok.class, ann.handle(protocol, "subscribe", "{'jobId':'a'}"), "again: not a new one");

        Client annElsewhere = connect(TestConnections.user("ann"));
        assertEquals("too_many_connections", code(annElsewhere.handle(protocol, "subscribe", "{'userId':'ann'}")));
    }

    @Test
    void connectionsPerUserAreCountedWhetherOrNotTheySubscribe() {
        Client ann = connect(TestConnections.user("ann"));
        assertNull(protocol.admitUser(ann.connection()), "the first one, never subscribed to anything");
        Client annAgain = connect(TestConnections.user("ann"));

        Reply.Error refused = protocol.admitUser(annAgain.connection());

        assertEquals("too_many_connections", refused == null ? null : refused.code());
        assertSame(Caller.NOBODY, annAgain.connection().caller(), "a refused connection counts for nobody");
        assertNull(protocol.admitUser(connect(TestConnections.user("bob")).connection()), "other users are not affected");
        assertNull(protocol.admitUser(connect(Caller.OPEN).connection()), "security off: no user to count");
        hub.disconnect(ann.connection());
        assertNull(protocol.admitUser(connect(TestConnections.user("ann")).connection()), "a place freed by closing");
    }

    @Test
    void unknownOperationsAndBadArgumentsGetTheirErrors() {
        Client c = connect(Caller.OPEN);
        assertEquals("unknown_op", code(c.handle(protocol, "cancel-everything", "{'jobId':'a'}")));
        assertEquals("invalid_request", code(c.handle(protocol, "subscribe", "{}")));
        assertEquals("invalid_job_id", code(c.handle(protocol, "unsubscribe", "{'jobId':'a b'}")));
    }

    @Test
    void requestsBeyondTheBurstAreRateLimitedWhateverTheyAre() {
        Client c = connect(Caller.OPEN);
        for (int i = 0; i < 10; i++) {
            c.handle(protocol, i % 2 == 0 ? "subscribe" : "nonsense", "{'jobId':'a'}");
        }
        assertEquals("rate_limited", code(c.handle(protocol, "subscribe", "{'jobId':'b'}")));
        assertEquals(0, hub.listeners(Topic.job("b")), "a limited request does nothing");
        assertEquals("unknown_op", code(connect(Caller.OPEN).handle(protocol, "x", "{}")),
                "each connection has a limit of its own");
    }

    @Test
    void aFloodThatGoesOnPastItsRefusalsIsClosedAndNobodyElseIs() {
        Client flooder = connect(Caller.OPEN);
        Client calm = connect(Caller.OPEN);
        for (int i = 0; i < 10; i++) {
            flooder.handle(protocol, "subscribe", "{'jobId':'a'}");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("rate_limited", code(flooder.handle(protocol, "subscribe", "{'jobId':'a'}")));
            assertFalse(flooder.connection().isClosed(), "refused " + (i + 1) + " times: answered, still open");
        }
        assertEquals("rate_limited", code(flooder.handle(protocol, "subscribe", "{'jobId':'a'}")));
        assertTrue(flooder.connection().isClosed(), "one refusal more than jobpulse.ws.max-rate-limited closes it");
        assertEquals(0, hub.listeners(Topic.job("a")), "and its subscriptions are gone");
        assertInstanceOf(Reply.Ok.class, calm.handle(protocol, "subscribe", "{'jobId':'a'}"));
        assertFalse(calm.connection().isClosed());
    }

    static String code(Reply reply) {
        return assertInstanceOf(Reply.Error.class, reply).code();
    }
}
