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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store contract plus what only a database gives: state outlives the store, nodes share it. */
abstract class JdbcJobStoreContract extends JobStoreContract {

    /** The database of this run; every store of the class opens on it. */
    protected abstract DataSource dataSource();

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
