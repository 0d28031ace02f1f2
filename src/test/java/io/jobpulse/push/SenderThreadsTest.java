package io.jobpulse.push;

import io.jobpulse.job.ChangeBatch;
import io.jobpulse.job.JobStatus;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.jobpulse.push.OutboxTest.progress;
import static io.jobpulse.push.OutboxTest.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender threads with real threads and a socket that completes its sends on other threads, as a container does. */
class SenderThreadsTest {

    static final ThreadFactory DAEMONS = task -> {
        Thread t = new Thread(task);
        t.setDaemon(true);
        return t;
    };

    final PushStats stats = TestStats.create();
    final List<SenderThreads> pools = new ArrayList<>();
    /** The container's write threads: every send completes on one of them. */
    final ExecutorService container = Executors.newFixedThreadPool(3, DAEMONS);

    @AfterEach
    void stop() {
        pools.forEach(SenderThreads::stop);
        container.shutdownNow();
    }

    SenderThreads pool(int threads) {
        SenderThreads pool = new SenderThreads(threads, DAEMONS);
        pools.add(pool);
        return pool;
    }

    /** Completes sends later on the container's threads; counts overlapping sends and versions that go back. */
    final class CheckingSocket implements Outbox.Sender {
        final AtomicBoolean inFlight = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger backwards = new AtomicInteger();
        final Map<String, Long> last = new ConcurrentHashMap<>();
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public void send(String text, SendHandler done) {
            if (!inFlight.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            frames.add(text);
            var data = jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject().getJsonObject("data");
            long version = data.getJsonNumber("version").longValue();
            Long before = last.put(data.getString("jobId"), version);
            if (before != null && before >= version) {
                backwards.incrementAndGet();
            }
            container.execute(() -> {
                inFlight.set(false);
                done.onResult(new SendResult());
            });
        }
    }

    Outbox outbox(Outbox.Sender sender, Outbox.Writers writers) {
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
    void concurrentProducersGetEveryConnectionItsLatestStatesInOrderWithOneSendAtATime() throws Exception {
        SenderThreads pool = pool(2);
        int connections = 60;
        int producers = 4;
        int versions = 300;
        List<CheckingSocket> sockets = new ArrayList<>();
        List<Outbox> outboxes = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            CheckingSocket socket = new CheckingSocket();
            sockets.add(socket);
            outboxes.add(outbox(socket, pool));
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
            assertEquals(0, socket.overlaps.get(), "two sends to one connection overlapped");
            assertEquals(0, socket.backwards.get(), "a version went backwards");
        }
        assertTrue(stats.coalescedCount() > 0, "states that waited behind a send in flight were coalesced");
    }

    @Test
    void inABatchOutboxesAreHandedOverOnlyWhenItEnds() throws Exception {
        SenderThreads pool = pool(2);
        List<CheckingSocket> sockets = new ArrayList<>();
        List<Outbox> outboxes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CheckingSocket socket = new CheckingSocket();
            sockets.add(socket);
            outboxes.add(outbox(socket, pool));
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
            assertTrue(sockets.stream().allMatch(s -> s.frames.isEmpty()), "nothing is sent before the batch ends");
        });
        await(() -> sockets.stream().allMatch(s -> s.frames.size() == 1), "every connection got its update");
        assertEquals(2L, sockets.get(0).last.get("j0"), "j0@1 was replaced while the batch ran");
        assertEquals(1, stats.coalescedCount());
    }

    @Test
    void outsideABatchAnOutboxIsWrittenWithoutWaitingForOthers() throws Exception {
        SenderThreads pool = pool(1);
        CheckingSocket socket = new CheckingSocket();
        outbox(socket, pool).offer(progress("solo", 1));
        await(() -> socket.frames.size() == 1, "the update is written");
    }

    @Test
    void stoppingEndsTheThreads() throws Exception {
        SenderThreads pool = pool(2);
        assertEquals(2, pool.threadCount());
        pool.stop();
        await(() -> pool.threadCount() == 0, "the threads have ended");
    }
}
