package io.jobpulse.job.jdbc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    @Test
    void everyCallerGetsTheAnswerToItsOwnRequest() throws Exception {
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(16,
                batch -> batch.forEach(r -> r.complete(r.item * 2)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int item = i;
                answers.add(pool.submit(() -> commits.submit(item)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i * 2, answers.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void severalItemsOfOneCallerShareOneBatchAndComeBackInOrder() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(100, batch -> {
            sizes.add(batch.size());
            batch.forEach(r -> r.complete(r.item + 1));
        });
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(i);
        }
        List<Integer> results = commits.submitAll(items);
        assertEquals(List.of(100), sizes, "one batch");
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, results.get(i));
        }
        assertEquals(List.of(100, 100, 50), sizesOf(commits, 250, sizes), "split at the batch size, in order");
    }

    private static List<Integer> sizesOf(GroupCommit<Integer, Integer> commits, int n, List<Integer> sizes) {
        sizes.clear();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        List<Integer> results = commits.submitAll(items);
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, results.get(i));
        }
        return List.copyOf(sizes);
    }

    @Test
    void callersArrivingWhileABatchRunsShareTheNextOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<String, String> commits = new GroupCommit<>(100, batch -> {
            batches.add(batch.stream().map(r -> r.item).toList());
            if (batches.size() == 1) {
                await(release);
            }
            batch.forEach(r -> r.complete(r.item));
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<String> first = pool.submit(() -> commits.submit("first"));
            while (batches.isEmpty()) {
                Thread.onSpinWait();
            }
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String item = "other" + i;
                others.add(pool.submit(() -> commits.submit(item)));
            }
            while (commits.waiting() < 5) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertEquals("first", first.get(10, TimeUnit.SECONDS));
            for (Future<String> f : others) {
                assertTrue(f.get(10, TimeUnit.SECONDS).startsWith("other"));
            }
            assertEquals(2, batches.size(), "one batch for the first caller, one shared by the five others");
            assertEquals(5, batches.get(1).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingBatchFailsItsOwnRequestsOnly() {
        GroupCommit<String, String> commits = new GroupCommit<>(10, batch -> {
            if (batch.get(0).item.equals("bad")) {
                throw new IllegalStateException("database said no");
            }
            batch.forEach(r -> r.complete("ok"));
        });
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> commits.submit("bad"));
        assertEquals("database said no", failure.getMessage());
        assertEquals("ok", commits.submit("good"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
