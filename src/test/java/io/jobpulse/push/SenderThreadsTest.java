package io.jobpulse.push;

import io.jobpulse.job.ChangeBatch;
import io.jobpulse.job.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.jobpulse.push.OutboxTest.progress;
import static io.jobpulse.push.OutboxTest.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender threads with real threads: one writer per connection, no connection held up by another. */
class SenderThreadsTest {

    static final ThreadFactory DAEMONS = task -> {
        Thread t = new Thread(task);
        t.setDaemon(true);
        return t;
    };

    final PushStats stats = TestStats.create();
    final List<SenderThreads> pools = new ArrayList<>();

    @AfterEach
    void stop() {
        pools.forEach(SenderThreads::stop);
    }

    SenderThreads pool(int threads, int max, long stallMillis, long keepAliveMillis) {
        SenderThreads pool = new SenderThreads(threads, max, DAEMONS,
                TimeUnit.MILLISECONDS.toNanos(stallMillis), TimeUnit.MILLISECONDS.toNanos(keepAliveMillis));
        pools.add(pool);
        return pool;
    }

    /** A socket that fails the test's checks if two writes overlap, and keeps each job's versions. */
    static final class CheckingSocket implements Outbox.Sender {
        final AtomicBoolean inSend = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger backwards = new AtomicInteger();
        final Map<String, Long> last = new ConcurrentHashMap<>();
        final boolean slow;

        CheckingSocket(boolean slow) {
            this.slow = slow;
        }

        @Override
        public void send(String text) {
            if (!inSend.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            try {
                var data = jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject().getJsonObject("data");
                long version = data.getJsonNumber("version").longValue();
                Long before = last.put(data.getString("jobId"), version);
                if (before != null && before >= version) {
                    backwards.incrementAndGet();
                }
                if (slow) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inSend.set(false);
            }
        }
    }

    static Outbox outbox(Outbox.Sender sender, Outbox.Writers writers, PushStats stats) {
        return new Outbox(sender, new OutboxTest.RecordingOwner(), writers, WireFormat.PLAIN,
                new ReplyLimit(256, 1 << 20), stats);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void concurrentProducersGetEveryConnectionItsLatestStatesInOrderWithOneWriteAtATime() throws Exception {
        SenderThreads pool = pool(2, 2, 100_000, 1000);
        int connections = 60;
        int producers = 4;
        int versions = 300;
        List<CheckingSocket> sockets = new ArrayList<>();
        List<Outbox> outboxes = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            CheckingSocket socket = new CheckingSocket(i % 10 == 0); // some read slowly and get coalesced
            sockets.add(socket);
            outboxes.add(outbox(socket, pool, stats));
        }
        // job j is changed by producer j % producers and followed by connections j, j+1 and j+2
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int v = 1; v <= versions + 1; v++) {
                    for (int j = producer; j < connections; j += producers) {
                        JobUpdate u = v <= versions ? progress("j" + j, v) : update("j" + j, v, JobStatus.COMPLETED, 100);
                        for (int k = 0; k < 3; k++) {
                            outboxes.get((j + k) % connections).offer(u);
                        }
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        await(() -> {
            for (int i = 0; i < connections; i++) {
                for (int k = 0; k < 3; k++) {
                    int job = ((i - k) % connections + connections) % connections;
                    if (sockets.get(i).last.getOrDefault("j" + job, 0L) != versions + 1) {
                        return false;
                    }
                }
            }
            return true;
        }, "every connection has the terminal state of its three jobs");
        for (CheckingSocket socket : sockets) {
            assertEquals(0, socket.overlaps.get(), "two writes to one connection overlapped");
            assertEquals(0, socket.backwards.get(), "a version went backwards");
        }
        assertTrue(stats.coalescedCount() > 0, "the slow readers got the latest states only");
    }

    @Test
    void aWriteBlockedOnAClientThatDoesNotReadDoesNotHoldUpTheOthers() throws Exception {
        SenderThreads pool = pool(1, 2, 20, 100);
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Outbox stuck = outbox(text -> {
            blocked.countDown();
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, pool, stats);
        List<String> fine = new CopyOnWriteArrayList<>();
        Outbox reader = outbox(fine::add, pool, stats);
        List<String> alsoFine = new CopyOnWriteArrayList<>();
        Outbox another = outbox(alsoFine::add, pool, stats);

        stuck.offer(progress("s", 1));
        assertTrue(blocked.await(5, TimeUnit.SECONDS));
        reader.offer(progress("r", 1));
        // the watchdog's sweep calls this; here the test does
        await(() -> {
            pool.checkStalled();
            return fine.size() == 1;
        }, "another thread writes to the reading client");
        assertEquals(2, pool.threadCount());

        // the limit holds: with both threads blocked, the third connection waits
        Outbox stuckToo = outbox(text -> {
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, pool, stats);
        stuckToo.offer(progress("t", 1));
        Thread.sleep(50);
        another.offer(progress("a", 1));
        Thread.sleep(50);
        pool.checkStalled();
        assertEquals(2, pool.threadCount(), "never more than the maximum");

        unblock.countDown();
        await(() -> alsoFine.size() == 1, "the waiting connection is written once a thread is free");
        await(() -> pool.threadCount() == 1, "the extra thread stops once idle");
    }

    @Test
    void inABatchOutboxesAreHandedOverOnlyWhenItEnds() throws Exception {
        SenderThreads pool = pool(2, 2, 100_000, 1000);
        List<String> sent = new CopyOnWriteArrayList<>();
        List<Outbox> outboxes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outboxes.add(outbox(sent::add, pool, stats));
        }
        ChangeBatch.announce(() -> {
            for (int i = 0; i < 5; i++) {
                outboxes.get(i).offer(progress("j" + i, 1));
            }
            outboxes.get(0).offer(progress("j0", 2));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertEquals(0, pool.readyCount(), "nothing is queued before the batch ends");
            assertTrue(sent.isEmpty(), "nothing is written before the batch ends");
        });
        await(() -> sent.size() == 5, "every connection got its update");
        assertEquals(1, stats.coalescedCount(), "j0@1 was replaced while the batch ran");
    }

    @Test
    void stoppingEndsTheThreads() throws Exception {
        SenderThreads pool = pool(2, 4, 100_000, 1000);
        assertEquals(2, pool.threadCount());
        pool.stop();
        await(() -> pool.threadCount() == 0, "the threads have ended");
    }
}
