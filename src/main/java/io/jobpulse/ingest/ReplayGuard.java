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

    private static final long NOT_APPLIED = -1;

    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();
    /** Applied claims oldest first, to forget by age and by count. */
    private final Queue<Claim> order = new ConcurrentLinkedQueue<>();
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

    /** Runs {@code apply} unless this event was applied within the window. */
    public Verdict applyOnce(String jobId, String eventId, Supplier<Outcome> apply) {
        String key = jobId + '\n' + eventId; // a job id never contains a line break
        while (true) {
            Claim mine = new Claim(key, clock.instant());
            Claim existing = claims.putIfAbsent(key, mine);
            if (existing != null) {
                long version = existing.version.join();
                if (version != NOT_APPLIED && !expired(existing)) {
                    return new Verdict.Replay(version);
                }
                claims.remove(key, existing); // forgotten or never applied: claim again
                continue;
            }
            return run(mine, apply);
        }
    }

    private Verdict run(Claim mine, Supplier<Outcome> apply) {
        Outcome outcome;
        try {
            outcome = apply.get();
        } catch (RuntimeException e) {
            release(mine);
            throw e;
        }
        if (outcome instanceof Outcome.Applied applied) {
            mine.version.complete(applied.job().version());
            order.add(mine);
            forgetOld();
        } else {
            release(mine);
        }
        return new Verdict.Ran(outcome);
    }

    private void release(Claim claim) {
        claims.remove(claim.key, claim);
        claim.version.complete(NOT_APPLIED);
    }

    private void forgetOld() {
        Claim oldest;
        while ((oldest = order.peek()) != null && (claims.size() > maxIds || expired(oldest))) {
            if (order.remove(oldest)) {
                claims.remove(oldest.key, oldest);
            }
        }
    }

    private boolean expired(Claim claim) {
        return !claim.at.plus(window).isAfter(clock.instant());
    }

    /** How many events are remembered (or being applied) now. */
    public int size() {
        return claims.size();
    }

    /** One delivery's claim on an event; {@code version} completes once the outcome is known. */
    private static final class Claim {
        final String key;
        final Instant at;
        final CompletableFuture<Long> version = new CompletableFuture<>();

        Claim(String key, Instant at) {
            this.key = key;
            this.at = at;
        }
    }
}
