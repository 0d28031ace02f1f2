package io.jobpulse.job.jdbc;

import io.jobpulse.job.Endings;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.JobStoreContract;
import io.jobpulse.job.MutableClock;
import io.jobpulse.job.Outcome;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract plus what only a database gives: state outlives the store, nodes share it. */
abstract class JdbcJobStoreContract extends JobStoreContract {

    /** The database of this run; every store of the class opens on it. */
    protected abstract DataSource dataSource();

    /** A database of its own, empty, for a test that needs to build the tables itself. */
    protected abstract DataSource emptyDatabase() throws SQLException;

    @Override
    public JobStore newStore(MutableClock clock, long defaultStaleAfterSeconds) {
        return JdbcJobStore.open(dataSource(), clock, defaultStaleAfterSeconds);
    }

    @Test
    void stateOutlivesTheStoreAndVersionsContinue() {
        String jobId = id("restart");
        JobStore before = newStore(clock);
        before.apply(JobEvent.started(jobId).forOwner("kim", "import"));
        Job last = applied(before.apply(JobEvent.progress(jobId, 30, "a third")));

        JobStore after = newStore(clock);
        assertEquals(last, after.find(jobId).orElseThrow());
        assertEquals(3, applied(after.apply(JobEvent.progress(jobId, 60, null))).version());
    }

    @Test
    void aBatchIsCommittedInOneTransaction() {
        AtomicInteger connections = new AtomicInteger();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(dataSource(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JobStore store = JdbcJobStore.open(counting, clock);
        List<JobEvent> batch = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            String jobId = id("one-tx" + j);
            jobIds.add(jobId);
            batch.add(JobEvent.started(jobId).forOwner("pat", null));
        }
        for (int i = 0; i < 90; i++) {
            batch.add(JobEvent.progress(jobIds.get(i % 10), i, "m" + i));
        }
        connections.set(0);
        List<Outcome> outcomes = store.applyAll(batch);
        assertEquals(1, connections.get(), "one connection, one transaction for the batch");
        outcomes.forEach(JobStoreContract::applied);
        for (String jobId : jobIds) {
            assertEquals(10, store.find(jobId).orElseThrow().version());
        }
    }

    @Test
    void twoNodesOnOneDatabaseNeverShareAVersion() throws Exception {
        JobStore nodeA = newStore(clock);
        JobStore nodeB = newStore(clock);
        String jobId = id("two-nodes");
        nodeA.apply(JobEvent.started(jobId).forOwner("lee", null));
        Set<Long> versions = applyConcurrently(List.of(nodeA, nodeB), jobId, 8, 120);
        assertEquals(120, versions.size());
        assertEquals(121, nodeB.find(jobId).orElseThrow().version());
        assertEquals(121, nodeA.find(jobId).orElseThrow().version());
    }

    @Test
    void twoNodesCreatingTheSameJobAtOnceCreateItOnce() throws Exception {
        JobStore nodeA = newStore(clock);
        JobStore nodeB = newStore(clock);
        for (int round = 0; round < 10; round++) {
            String jobId = id("create-race");
            Set<Long> versions = applyConcurrentlyAsFirstEvents(List.of(nodeA, nodeB), jobId);
            assertEquals(Set.of(1L, 2L), versions, "one created the job, the other changed it");
        }
    }

    @Test
    void twoNodesSweepingTheSameStalledJobsEndEachOfThemOnce() throws Exception {
        JobStore nodeA = newStore(clock, 5);
        JobStore nodeB = newStore(clock, 5);
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String jobId = id("one-decider");
            nodeA.apply(JobEvent.started(jobId).forOwner("ola", null));
            jobIds.add(jobId);
        }
        clock.advance(Duration.ofSeconds(6));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (JobStore node : List.of(nodeA, nodeB)) {
                sweeps.add(pool.submit(() -> {
                    int ended = 0;
                    for (String jobId : jobIds) {
                        ended += node.decide(jobId, Endings::expire) instanceof Outcome.Applied ? 1 : 0;
                    }
                    return ended;
                }));
            }
            assertEquals(jobIds.size(), sweeps.get(0).get() + sweeps.get(1).get(), "each job ended by exactly one node");
        } finally {
            pool.shutdownNow();
        }
        for (String jobId : jobIds) {
            assertEquals(2, nodeB.find(jobId).orElseThrow().version(), "one terminal change, not two");
        }
    }

    /**
     * Due exactly when the deadline has passed, also where the deadline and the time asked about lie
     * in different minutes: the sweep's index is on the deadline's minute, and the exact deadline
     * decides within it.
     */
    @Test
    void aDeadlineIsDueExactlyWhenItPassesOnEitherSideOfAMinute() {
        MutableClock late = new MutableClock(Instant.parse("2030-01-01T10:00:58.400000Z"));
        JobStore store = newStore(late, 0);
        String jobId = id("minute");
        Job started = applied(store.apply(JobEvent.started(jobId).forOwner("uma", null).withStaleAfter(1)));
        Instant deadline = Instant.parse("2030-01-01T10:00:59.400000Z");
        assertEquals(deadline, started.staleAt());
        assertFalse(store.dueBy(deadline.minusNanos(1000), 100).contains(jobId));
        assertTrue(store.dueBy(deadline, 100).contains(jobId));
        assertTrue(store.dueBy(Instant.parse("2030-01-01T10:01:00.500000Z"), 100).contains(jobId), "a minute later");

        late.advance(Duration.ofMillis(900));
        Job renewed = applied(store.apply(JobEvent.progress(jobId, 10, null)));
        Instant next = Instant.parse("2030-01-01T10:01:00.300000Z");
        assertEquals(next, renewed.staleAt(), "renewed into the next minute");
        assertFalse(store.dueBy(deadline, 100).contains(jobId));
        assertFalse(store.dueBy(Instant.parse("2030-01-01T10:00:59.999999Z"), 100).contains(jobId));
        assertFalse(store.dueBy(next.minusNanos(1000), 100).contains(jobId));
        assertTrue(store.dueBy(next, 100).contains(jobId));
    }

    /**
     * A database jobpulse wrote at schema version 2 (before finished_at and the deadline's minute
     * existed) keeps working after the migration: finished jobs are purged by when they ended,
     * deadlines set before the upgrade fire, and those renewed after it too.
     */
    @Test
    void aDatabaseOfSchemaVersionTwoIsMigratedAndItsJobsStillPurgedAndExpired() throws SQLException {
        DataSource old = emptyDatabase();
        Instant now = clock.instant();
        String doneLongAgo = id("done-long-ago");
        String doneRecently = id("done-recently");
        String due = id("due");
        String dueLater = id("due-later");
        String unbounded = id("unbounded");
        try (Connection c = old.getConnection()) {
            Schema.migrate(c, 2);
            insertVersionTwoRow(c, doneLongAgo, "completed", now.minus(Duration.ofHours(2)), null, null);
            insertVersionTwoRow(c, doneRecently, "failed", now.minus(Duration.ofMinutes(10)), null, null);
            insertVersionTwoRow(c, due, "running", now.minusSeconds(61), 60, now.minusSeconds(1));
            insertVersionTwoRow(c, dueLater, "running", now.minusSeconds(30), 60, now.plusSeconds(30));
            insertVersionTwoRow(c, unbounded, "running", now.minus(Duration.ofDays(3)), null, null);
        }

        JobStore store = JdbcJobStore.open(old, clock, 0);

        try (Connection c = old.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM jobpulse_schema")) {
            assertTrue(rs.next());
            assertEquals(Schema.latest(), rs.getInt(1));
        }
        assertEquals(List.of(due), store.dueBy(now, 100));
        assertEquals(List.of(doneLongAgo), store.purgeFinishedBefore(now.minus(Duration.ofHours(1))));
        assertTrue(store.purgeFinishedBefore(now.minus(Duration.ofMinutes(10))).isEmpty(), "ended exactly at the cutoff");

        Job expired = applied(store.decide(due, Endings::expire));
        assertEquals("stalled: no update for 60 s", expired.error());
        clock.advance(Duration.ofSeconds(20));
        Job renewed = applied(store.apply(JobEvent.progress(dueLater, 50, "after the upgrade")));
        assertEquals(now.plusSeconds(80), renewed.staleAt());
        assertTrue(store.dueBy(now.plusSeconds(79), 100).isEmpty(), "the renewed deadline holds");
        assertEquals(List.of(dueLater), store.dueBy(now.plusSeconds(80), 100));

        assertEquals(Set.of(doneRecently, due), Set.copyOf(store.purgeFinishedBefore(clock.instant().plusNanos(1000))));
        assertTrue(store.find(dueLater).isPresent());
        assertTrue(store.find(unbounded).isPresent());
        assertTrue(store.dueBy(now.plus(Duration.ofDays(365)), 100).stream().noneMatch(unbounded::equals));
    }

    /** A job row as schema version 2 had it, written the way that version's code wrote it. */
    private static void insertVersionTwoRow(Connection c, String jobId, String status, Instant updatedAt,
                                            Integer staleAfterSeconds, Instant staleAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO jobpulse_job (job_id, user_id, job_type, status, "
                + "progress, message, result, error, version, created_at, updated_at, cancel_requested, reason, "
                + "stale_after_seconds, stale_at, node) VALUES (?, 'vic', NULL, ?, 10, NULL, NULL, NULL, 2, ?, ?, "
                + "FALSE, NULL, ?, ?, NULL)")) {
            p.setString(1, jobId);
            p.setString(2, status);
            p.setObject(3, updatedAt.minusSeconds(1).atOffset(ZoneOffset.UTC));
            p.setObject(4, updatedAt.atOffset(ZoneOffset.UTC));
            if (staleAfterSeconds == null) {
                p.setNull(5, Types.INTEGER);
                p.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                p.setInt(5, staleAfterSeconds);
                p.setObject(6, staleAt.atOffset(ZoneOffset.UTC));
            }
            p.executeUpdate();
        }
    }

    private static Set<Long> applyConcurrentlyAsFirstEvents(List<JobStore> nodes, String jobId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            Future<Outcome> a = pool.submit(() -> nodes.get(0).apply(JobEvent.progress(jobId, 5, "a").forOwner("max", null)));
            Future<Outcome> b = pool.submit(() -> nodes.get(1).apply(JobEvent.progress(jobId, 5, "b").forOwner("max", null)));
            return Set.of(applied(a.get()).version(), applied(b.get()).version());
        } finally {
            pool.shutdownNow();
        }
    }
}
