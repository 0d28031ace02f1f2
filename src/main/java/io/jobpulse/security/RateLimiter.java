package io.jobpulse.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per client key (a user id or an address). Memory stays bounded: past
 * {@code maxKeys} clients, buckets that have refilled completely are forgotten (a new bucket would
 * be full too, so nobody gains), and if that is not enough the map starts over.
 */
public final class RateLimiter {

    private final double perSecond;
    private final int burst;
    private final int maxKeys;
    private final LongSupplier clock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier clock) {
        new TokenBucket(perSecond, burst, clock); // validates the settings now, not on the first request
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** The bucket of {@code key}; take from it with {@link TokenBucket#tryTake()}. */
    public TokenBucket bucket(String key) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.values().removeIf(TokenBucket::idle);
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, clock));
    }

    int size() {
        return buckets.size();
    }
}
