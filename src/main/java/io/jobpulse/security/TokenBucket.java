package io.jobpulse.security;

import java.util.function.LongSupplier;

/**
 * A rate limit: {@code burst} requests at once, refilled at {@code perSecond}. Thread-safe; the
 * clock is a nanosecond ticker so tests can drive it.
 */
public final class TokenBucket {

    private static final long NANOS = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond, int burst, LongSupplier clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perNano = perSecond / NANOS;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.getAsLong();
    }

    public TokenBucket(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** Takes one request's worth if there is one. */
    public synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until the next request would pass (at least 1): the {@code Retry-After}. */
    public synchronized long secondsUntilNext() {
        refill();
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / NANOS));
    }

    /** Whether the bucket is full, i.e. indistinguishable from a new one (so it may be forgotten). */
    synchronized boolean idle() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
