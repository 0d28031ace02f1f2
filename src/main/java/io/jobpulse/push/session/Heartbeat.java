package io.jobpulse.push.session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Server-driven pings for many connections on one scheduler tick, instead of a timer per
 * connection. A watched connection is pinged {@code interval} after it connected or last answered,
 * and timed out when the answer takes longer than {@code timeout}, or when it misses a deadline it
 * was given (such as a protocol handshake). A ping leaves on time, not on the next tick: when a tick
 * sees one due before the following tick, it schedules that one ping for its exact due time (a
 * client such as Socket.IO's may count on pings at that rhythm), so at most the pings of one tick's
 * window are ever scheduled at once. Protocol-neutral: the {@link Peer} writes its own ping
 * frame and closes its own socket, so any endpoint can use it with its own settings.
 */
public final class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    /** The connection side of a heartbeat; both calls come from the tick thread and must not block. */
    public interface Peer {
        void ping();

        /** The client stayed silent too long; close the connection. */
        void timedOut(String reason);
    }

    private final long intervalNanos;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final long tickNanos;
    private final Set<Pulse> pulses = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> ticking;
    /** Where pings due between ticks are scheduled; null until started (then pings go out on a tick). */
    private volatile ScheduledExecutorService scheduler;

    public Heartbeat(Duration interval, Duration timeout) {
        this(interval, timeout, System::nanoTime);
    }

    Heartbeat(Duration interval, Duration timeout, LongSupplier clock) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ping interval and timeout must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
        this.tickNanos = resolution().toNanos();
    }

    /**
     * How often {@link #tick} runs: a quarter of the shorter period (10 ms .. 1 s), so a silent
     * client is timed out at most that late.
     */
    public Duration resolution() {
        long quarter = Math.min(intervalNanos, timeoutNanos) / 4;
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), quarter)));
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        if (ticking == null) {
            this.scheduler = scheduler;
            long every = resolution().toMillis();
            ticking = scheduler.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        scheduler = null;
        pulses.clear();
    }

    /** Starts watching a connection; its first ping is due one interval from now. */
    public Pulse watch(Peer peer) {
        Pulse pulse = new Pulse(peer, clock.getAsLong() + intervalNanos);
        pulses.add(pulse);
        return pulse;
    }

    /** One pass over every watched connection: pings the due ones, times out the silent ones. */
    public void tick() {
        long now = clock.getAsLong();
        for (Pulse pulse : pulses) {
            try {
                pulse.check(now);
            } catch (RuntimeException e) {
                // A fixed-rate task that throws is never run again: one bad peer must not stop all pings.
                LOG.log(Level.WARNING, "Heartbeat of one connection failed", e);
            }
        }
    }

    public int watched() {
        return pulses.size();
    }

    /** The heartbeat state of one connection; {@link #pong} comes from the socket's reader thread. */
    public final class Pulse {

        private final Peer peer;
        private long nextPingAt;
        /** A ping is scheduled for {@code nextPingAt}, between ticks. */
        private boolean pingScheduled;
        private boolean awaitingPong;
        private long pongDueBy;
        /** Null while no deadline is set. */
        private String deadlineReason;
        private long deadline;

        private Pulse(Peer peer, long firstPingAt) {
            this.peer = peer;
            this.nextPingAt = firstPingAt;
        }

        /** The client answered; the next ping is due one interval from now. Unsolicited pongs change nothing. */
        public synchronized void pong() {
            if (awaitingPong) {
                awaitingPong = false;
                nextPingAt = clock.getAsLong() + intervalNanos;
            }
        }

        /** The connection is timed out with {@code reason} unless {@link #deadlineMet} is called within {@code within}. */
        public synchronized void deadline(Duration within, String reason) {
            deadline = clock.getAsLong() + within.toNanos();
            deadlineReason = reason;
        }

        public synchronized void deadlineMet() {
            deadlineReason = null;
        }

        /** Stops watching (the connection closed); a ping scheduled for it is not sent. */
        public void stop() {
            pulses.remove(this);
        }

        void check(long now) {
            String timeout = null;
            boolean ping = false;
            long pingIn = 0;
            ScheduledExecutorService exec = scheduler;
            synchronized (this) {
                if (deadlineReason != null && now - deadline >= 0) {
                    timeout = deadlineReason;
                } else if (awaitingPong && now - pongDueBy >= 0) {
                    timeout = "no pong within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
                } else if (!awaitingPong && !pingScheduled) {
                    long wait = nextPingAt - now;
                    if (wait <= 0) {
                        startPing(now);
                        ping = true;
                    } else if (wait < tickNanos && exec != null) {
                        pingScheduled = true;
                        pingIn = wait;
                    }
                }
            }
            // Outside the lock: the peer writes to or closes its socket.
            if (timeout != null) {
                stop();
                peer.timedOut(timeout);
            } else if (ping) {
                peer.ping();
            } else if (pingIn > 0) {
                schedulePing(exec, pingIn);
            }
        }

        private void schedulePing(ScheduledExecutorService exec, long inNanos) {
            try {
                exec.schedule(this::pingNow, inNanos, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                synchronized (this) {
                    pingScheduled = false; // e.g. shutting down: the next tick sends it, if any
                }
                throw e;
            }
        }

        /** The scheduled ping's due time has come. */
        private void pingNow() {
            synchronized (this) {
                pingScheduled = false;
                if (!pulses.contains(this) || awaitingPong) {
                    return;
                }
                startPing(clock.getAsLong());
            }
            try {
                peer.ping();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Heartbeat of one connection failed", e);
            }
        }

        /** Marks a ping sent at {@code now}; the caller sends it outside the lock. */
        private void startPing(long now) {
            awaitingPong = true;
            pongDueBy = now + timeoutNanos;
        }
    }
}
