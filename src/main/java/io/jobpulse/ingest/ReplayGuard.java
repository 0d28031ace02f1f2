package io.jobpulse.ingest;

import io.jobpulse.job.Outcome;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes a redelivered event (same {@code jobId} and {@code eventId}) apply nothing twice, within a
 * bounded window: it remembers the events it applied for at most {@code window} and at most
 * {@code maxIds} of them, forgetting the oldest first. Only applied events are remembered: a
 * rejected one may be corrected and sent again under the same id.
 *
 * <p>In memory and per node; a durable or cluster-wide version can replace this class behind the
 * same {@link #applyOnce} call. Two deliveries of one event racing each other are serialised by a
 * per-event claim (the second waits for the first), never by a lock held across all events. Applied
 * events are kept as fingerprints in {@link RememberedEvents}, which adds no object per event.
 */
public final class ReplayGuard {

    /** What became of one guarded delivery. */
    public sealed interface Verdict {
        /** First delivery (or one not remembered): the event ran and this is its outcome. */
        record Ran(Outcome outcome) implements Verdict {
        }

        /** The same event was applied before and produced {@code version}; nothing was done now. */
        record Replay(long version) implements Verdict {
        }
    }

    /** The answer to {@link #claim}. */
    public sealed interface Claim {
        /** This delivery may apply the event; settle or abandon it. */
        final class Held implements Claim {
            private final Entry entry;

            private Held(Entry entry) {
                this.entry = entry;
            }
        }

        /** The event was applied before and produced {@code version}; do nothing now. */
        record Replay(long version) implements Claim {
        }

        /** Another delivery of the event is being applied right now (only when not waiting). */
        record Busy() implements Claim {
        }
    }

    private static final long NOT_APPLIED = -1;

    /** Deliveries being applied right now, by event: short-lived, gone once settled or abandoned. */
    private final ConcurrentHashMap<EventFingerprint, Entry> inFlight = new ConcurrentHashMap<>();
    /** Applied events, guarded by its own lock. */
    private final RememberedEvents remembered;
    private final Clock clock;

    public ReplayGuard(int maxIds, Duration window, Clock clock) {
        if (maxIds < 1 || maxIds > RememberedEvents.MAX_CAPACITY || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the replay window needs room for 1 to " + RememberedEvents.MAX_CAPACITY
                    + " ids (jobpulse.ingest.replay.max-ids) and some time (jobpulse.ingest.replay.window)");
        }
        this.remembered = new RememberedEvents(maxIds, window.toMillis());
        this.clock = clock;
    }

    /**
     * The first half of {@link #applyOnce}, for a caller that applies many events together: a claim
     * on one event ({@link Claim.Held}, to be {@link #settle settled} or {@link #abandon abandoned}),
     * or the version it was applied at before. Another delivery of the same event still being applied
     * makes it wait for that one, unless {@code wait} is false: then it answers {@link Claim.Busy}, so
     * a caller holding unsettled claims of its own can settle them first instead of waiting on a
     * caller that may be waiting on it.
     */
    public Claim claim(String jobId, String eventId, boolean wait) {
        EventFingerprint fingerprint = EventFingerprint.of(jobId, eventId);
        while (true) {
            long before = rememberedVersion(fingerprint);
            if (before != RememberedEvents.NONE) {
                return new Claim.Replay(before);
            }
            Entry mine = new Entry(fingerprint);
            Entry existing = inFlight.putIfAbsent(fingerprint, mine);
            if (existing == null) {
                // another delivery may have settled between the look above and the claim
                long settled = rememberedVersion(fingerprint);
                if (settled == RememberedEvents.NONE) {
                    return new Claim.Held(mine);
                }
                release(mine);
                return new Claim.Replay(settled);
            }
            if (!wait && !existing.version.isDone()) {
                return new Claim.Busy();
            }
            long version = existing.version.join();
            if (version != NOT_APPLIED) {
                return new Claim.Replay(version);
            }
            // never applied: its claim is released, so claim again
        }
    }

    /** Records what became of a claimed event: remembered if applied, released otherwise. */
    public void settle(Claim.Held held, Outcome outcome) {
        if (outcome instanceof Outcome.Applied applied) {
            long version = applied.job().version();
            // remembered before the claim goes, so a redelivery always finds one or the other
            synchronized (remembered) {
                remembered.add(held.entry.fingerprint, version, clock.millis());
            }
            inFlight.remove(held.entry.fingerprint, held.entry);
            held.entry.version.complete(version);
        } else {
            release(held.entry);
        }
    }

    /** Releases a claim whose event failed to apply; a redelivery may then apply it. */
    public void abandon(Claim.Held held) {
        release(held.entry);
    }

    /** Runs {@code apply} unless this event was applied within the window. */
    public Verdict applyOnce(String jobId, String eventId, Supplier<Outcome> apply) {
        Claim claim = claim(jobId, eventId, true);
        if (claim instanceof Claim.Replay replay) {
            return new Verdict.Replay(replay.version());
        }
        Claim.Held held = (Claim.Held) claim;
        Outcome outcome;
        try {
            outcome = apply.get();
        } catch (RuntimeException e) {
            abandon(held);
            throw e;
        }
        settle(held, outcome);
        return new Verdict.Ran(outcome);
    }

    private long rememberedVersion(EventFingerprint fingerprint) {
        synchronized (remembered) {
            return remembered.version(fingerprint, clock.millis());
        }
    }

    private void release(Entry claim) {
        inFlight.remove(claim.fingerprint, claim);
        claim.version.complete(NOT_APPLIED);
    }

    /** How many events are remembered or being applied now. */
    public int size() {
        synchronized (remembered) {
            return remembered.size() + inFlight.size();
        }
    }

    /** One delivery's claim on an event; {@code version} completes once the outcome is known. */
    private static final class Entry {
        final EventFingerprint fingerprint;
        final CompletableFuture<Long> version = new CompletableFuture<>();

        Entry(EventFingerprint fingerprint) {
            this.fingerprint = fingerprint;
        }
    }
}
