package io.jobpulse.job;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryJobStoreTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    final JobStore store = new MemoryJobStore(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void concurrentEventsOnOneJobNeverLoseAnUpdateOrShareAVersion() throws Exception {
        store.apply(JobEvent.started("hot").forOwner("alice", null));
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                List<Long> versions = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    Outcome o = store.apply(JobEvent.progress("hot", 0, "tick"));
                    versions.add(assertInstanceOf(Outcome.Applied.class, o).job().version());
                }
                return versions;
            }));
        }
        start.countDown();
        Set<Long> seen = new HashSet<>();
        for (Future<List<Long>> f : results) {
            for (long v : f.get(30, TimeUnit.SECONDS)) {
                assertTrue(seen.add(v), "version " + v + " handed out twice");
            }
        }
        pool.shutdown();
        assertEquals(threads * perThread, seen.size());
        assertEquals(1 + threads * perThread, store.find("hot").orElseThrow().version());
    }

    @Test
    void rejectedAndIgnoredEventsLeaveTheJobAsItWas() {
        store.apply(JobEvent.started("j").forOwner("alice", null));
        store.apply(JobEvent.progress("j", 50, null));
        assertInstanceOf(Outcome.Rejected.class, store.apply(JobEvent.progress("j", 10, null)));
        assertEquals(2, store.find("j").orElseThrow().version());
        store.apply(JobEvent.completed("j", null));
        assertInstanceOf(Outcome.Ignored.class, store.apply(JobEvent.progress("j", 100, null)));
        assertEquals(3, store.find("j").orElseThrow().version());
    }

    @Test
    void aUsersJobsComeNewestFirstAndActiveOnlyOnRequest() {
        store.apply(JobEvent.started("old").forOwner("bob", null));
        now.set(now.get().plusSeconds(1));
        store.apply(JobEvent.started("new").forOwner("bob", null));
        store.apply(JobEvent.started("other").forOwner("carol", null));
        store.apply(JobEvent.completed("old", null));

        assertEquals(List.of("new", "old"), ids(store.findByUser("bob", false, 10)));
        assertEquals(List.of("new"), ids(store.findByUser("bob", true, 10)));
        assertEquals(List.of("new"), ids(store.findByUser("bob", false, 1)));
        assertEquals(List.of(), store.findByUser("nobody", false, 10));
    }

    @Test
    void purgeRemovesOnlyJobsFinishedBeforeTheCutoff() {
        store.apply(JobEvent.started("done-early").forOwner("dan", null));
        store.apply(JobEvent.completed("done-early", null));
        now.set(now.get().plusSeconds(60));
        store.apply(JobEvent.started("done-late").forOwner("dan", null));
        store.apply(JobEvent.failed("done-late", "x"));
        store.apply(JobEvent.started("running").forOwner("dan", null));

        List<String> purged = store.purgeFinishedBefore(now.get().minusSeconds(30));

        assertEquals(List.of("done-early"), purged);
        assertTrue(store.find("done-early").isEmpty());
        assertEquals(List.of("done-late", "running"), ids(store.findByUser("dan", false, 10)).stream().sorted().toList());
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::jobId).toList();
    }
}
