package io.jobpulse.push;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heartbeat's rules on a hand-driven clock: when pings go out and when silence ends a connection. */
class HeartbeatTest {

    private long now = 1_000_000_000L;
    private Heartbeat heartbeat;
    private Recorder peer;

    @BeforeEach
    void setUp() {
        heartbeat = new Heartbeat(Duration.ofMillis(300), Duration.ofMillis(200), () -> now);
        peer = new Recorder();
    }

    @Test
    void firstPingIsDueOneIntervalAfterConnecting() {
        heartbeat.watch(peer);
        at(299);
        assertEquals(List.of(), peer.calls);
        at(300);
        assertEquals(List.of("ping"), peer.calls);
    }

    @Test
    void aPongSchedulesTheNextPingOneIntervalLater() {
        Heartbeat.Pulse pulse = heartbeat.watch(peer);
        at(300);
        advance(50);
        pulse.pong();
        at(649);
        assertEquals(List.of("ping"), peer.calls);
        at(650);
        assertEquals(List.of("ping", "ping"), peer.calls);
    }

    @Test
    void noSecondPingWhileOneIsUnanswered() {
        heartbeat.watch(peer);
        at(300);
        at(450);
        assertEquals(List.of("ping"), peer.calls);
    }

    @Test
    void aClientThatDoesNotAnswerWithinTheTimeoutIsTimedOutOnce() {
        heartbeat.watch(peer);
        at(300);
        at(499);
        assertEquals(List.of("ping"), peer.calls);
        at(500);
        assertEquals(List.of("ping", "timedOut: no pong within 200 ms"), peer.calls);
        at(2000);
        assertEquals(2, peer.calls.size(), "a timed-out connection is no longer watched");
        assertEquals(0, heartbeat.watched());
    }

    @Test
    void unsolicitedPongsDoNotPostponePings() {
        Heartbeat.Pulse pulse = heartbeat.watch(peer);
        at(250);
        pulse.pong();
        at(300);
        assertEquals(List.of("ping"), peer.calls);
    }

    @Test
    void aMissedDeadlineTimesTheConnectionOut() {
        Heartbeat.Pulse pulse = heartbeat.watch(peer);
        pulse.deadline(Duration.ofMillis(100), "no handshake");
        at(99);
        assertEquals(List.of(), peer.calls);
        at(100);
        assertEquals(List.of("timedOut: no handshake"), peer.calls);
    }

    @Test
    void aMetDeadlineIsForgotten() {
        Heartbeat.Pulse pulse = heartbeat.watch(peer);
        pulse.deadline(Duration.ofMillis(100), "no handshake");
        pulse.deadlineMet();
        at(150);
        assertEquals(List.of(), peer.calls);
    }

    @Test
    void aStoppedPulseIsNeverPinged() {
        heartbeat.watch(peer).stop();
        at(1000);
        assertEquals(List.of(), peer.calls);
    }

    @Test
    void aFailingPeerDoesNotStopTheOthers() {
        heartbeat.watch(new Heartbeat.Peer() {
            @Override
            public void ping() {
                throw new IllegalStateException("broken socket");
            }

            @Override
            public void timedOut(String reason) {
            }
        });
        heartbeat.watch(peer);
        at(300);
        assertEquals(List.of("ping"), peer.calls);
    }

    /**
     * On the real clock and a real scheduler: each ping leaves one interval after the previous pong,
     * within a few milliseconds, although the tick runs only every 50 ms.
     */
    @Test
    void pingsLeaveOnTimeBetweenTicks() throws InterruptedException {
        long interval = TimeUnit.MILLISECONDS.toNanos(300);
        Heartbeat real = new Heartbeat(Duration.ofNanos(interval), Duration.ofMillis(200));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<Long> lateMillis = new CopyOnWriteArrayList<>();
        CountDownLatch fourPings = new CountDownLatch(4);
        AtomicReference<Heartbeat.Pulse> pulse = new AtomicReference<>();
        AtomicLong due = new AtomicLong();
        try {
            real.start(scheduler);
            due.set(System.nanoTime() + interval);
            pulse.set(real.watch(new Heartbeat.Peer() {
                @Override
                public void ping() {
                    lateMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - due.get()));
                    pulse.get().pong();
                    due.set(System.nanoTime() + interval);
                    fourPings.countDown();
                }

                @Override
                public void timedOut(String reason) {
                    lateMillis.add(Long.MAX_VALUE);
                }
            }));
            assertTrue(fourPings.await(5, TimeUnit.SECONDS), "pings: " + lateMillis);
        } finally {
            real.stop();
            scheduler.shutdownNow();
        }
        for (long late : lateMillis) {
            assertTrue(late >= 0 && late <= 20,
                    "each ping within a few ms of its due time (on the tick alone: up to 50): " + lateMillis);
        }
    }

    @Test
    void resolutionIsAQuarterOfTheShorterPeriodWithinBounds() {
        assertEquals(Duration.ofMillis(50), heartbeat.resolution());
        assertEquals(Duration.ofSeconds(1), new Heartbeat(Duration.ofSeconds(25), Duration.ofSeconds(20)).resolution());
        assertEquals(Duration.ofMillis(10), new Heartbeat(Duration.ofMillis(5), Duration.ofMillis(5)).resolution());
    }

    @Test
    void periodsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ofSeconds(1), Duration.ofMillis(-1)));
    }

    @Test
    void stopForgetsEveryConnection() {
        heartbeat.watch(peer);
        heartbeat.stop();
        assertEquals(0, heartbeat.watched());
        at(1000);
        assertTrue(peer.calls.isEmpty());
    }

    /** Moves the clock to {@code millis} after the start and runs one tick. */
    private void at(long millis) {
        now = 1_000_000_000L + TimeUnit.MILLISECONDS.toNanos(millis);
        heartbeat.tick();
    }

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static final class Recorder implements Heartbeat.Peer {
        final List<String> calls = new ArrayList<>();

        @Override
        public void ping() {
            calls.add("ping");
        }

        @Override
        public void timedOut(String reason) {
            calls.add("timedOut: " + reason);
        }
    }
}
