package io.jobpulse.push.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heartbeat's rules on a hand-driven clock: when pings go out and when silence ends a connection. */
class HeartbeatTest {

    private long now = 1_000_000_000L;
    private Heartbeat heartbeat;
    private Recorder peer;

    @AfterEach
    void tearDown() {
        heartbeat.stop();
    }

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
     * A ping due between two ticks (every 50 ms here) is scheduled for its exact due time by the
     * tick before it, so it is not up to a tick late; one scheduled for a connection gone meanwhile
     * is not sent.
     */
    @Test
    void aPingDueBeforeTheNextTickIsScheduledForItsDueTime() {
        Later later = new Later();
        heartbeat.start(later);
        Heartbeat.Pulse pulse = heartbeat.watch(peer);
        at(240);
        assertEquals(List.of(), later.delaysMillis, "due in 60 ms: the next tick will see it");
        at(260);
        assertEquals(List.of(40L), later.delaysMillis, "due in 40 ms, before the next tick");
        at(280);
        assertEquals(1, later.delaysMillis.size(), "scheduled once");
        assertEquals(List.of(), peer.calls);

        advance(20);
        later.runAll();
        assertEquals(List.of("ping"), peer.calls);
        at(305);
        pulse.pong(); // the next ping is due at 605
        at(560);
        assertEquals(List.of(40L, 45L), later.delaysMillis);
        pulse.stop();
        later.runAll();
        assertEquals(List.of("ping"), peer.calls, "no ping for a connection no longer watched");
        later.shutdownNow();
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

    /** A scheduler that only records one-shot tasks, run when the test says (on its clock). */
    private static final class Later extends ScheduledThreadPoolExecutor {
        final List<Long> delaysMillis = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        Later() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            delaysMillis.add(unit.toMillis(delay));
            tasks.add(task);
            return null;
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return super.schedule(() -> { }, 1, TimeUnit.DAYS); // the test drives the ticks itself
        }

        void runAll() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
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
