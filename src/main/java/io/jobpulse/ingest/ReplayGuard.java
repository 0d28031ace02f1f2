package io.jobpulse.ingest;

import io.jobpulse.job.Outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Makes a redelivered event (same {@code jobId} and {@code eventId}) apply nothing twice, within a
 * bounded window: it remembers the events it applied for at most {@code window} and at most
 * {@code maxIds} of them, forgetting the oldest first. Only applied events are remembered: a
 * rejected one may be corrected and sent again under the same id.
 *
 * <p>In memory and per node; a durable or cluster-wide version can replace this class behind the
 * same {@link #applyOnce} call. Two deliveries of one event racing each other are serialised by a
 * per-event claim (the second waits for the first), never by a lock held across all events.
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

    private final ConcurrentHashMap<String, Entry> claims = new ConcurrentHashMap<>();
    /** Applied claims oldest first, to forget by age and by count. */
    private final Queue<Entry> order = new ConcurrentLinkedQueue<>();
    private final int maxIds;
    private final Duration window;
    private final Clock clock;

    public ReplayGuard(int maxIds, Duration window, Clock clock) {
        if (maxIds < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the replay window needs room for at least one id and some time");
        }
        this.maxIds = maxIds;
        this.window = window;
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
        String key = jobId + '\n' + eventId; // a job id never contains a line break
        while (true) {
            Entry mine = new Entry(key, clock.instant());
            Entry existing = claims.putIfAbsent(key, mine);
            if (existing == null) {
                return new Claim.Held(mine);
            }
            if (!wait && !existing.version.isDone()) {
                return new Claim.Busy();
            }
            long version = existing.version.join();
            if (version != NOT_APPLIED && !expired(existing)) {
                return new Claim.Replay(version);
            }
            claims.remove(key, existing); // forgotten or never applied: claim again
        }
    }

    /** Records what became of a claimed event: remembered if applied, released otherwise. */
    public void settle(Claim.Held held, Outcome outcome) {
        if (outcome instanceof Outcome.Applied applied) {
            held.entry.version.complete(applied.job().version());
            order.add(held.entry);
            forgetOld();
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

    private void release(Entry claim) {
        claims.remove(claim.key, claim);
        claim.version.complete(NOT_APPLIED);
    }

    private void forgetOld() {
        Entry oldest;
        while ((oldest = order.peek()) != null && (claims.size() > maxIds || expired(oldest))) {
            if (order.remove(oldest)) {
                claims.remove(oldest.key, oldest);
            }
        }
    }

    private boolean expired(Entry claim) {
        return !claim.at.plus(window).isAfter(clock.instant());
    }

    /** How many events are remembered (or being applied) now. */
    public int size() {
        return claims.size();
    }

    /** One delivery's claim on an event; {@code version} completes once the outcome is known. */
    private static final class Entry {
        final String key;
        final Instant at;
        final CompletableFuture<Long> version = new CompletableFuture<>();

        Entry(String key, Instant at) {
            this.key = key;
            this.at = at;
        }
    }
}
