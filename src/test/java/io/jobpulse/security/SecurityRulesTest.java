package io.jobpulse.security;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.LogText;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small rules the entry points share: who reads what, origins, rate limits, JSON depth, the refusal log. */
class SecurityRulesTest {

    static Job ownedBy(String userId) {
        return new Job("j", userId, "t", JobStatus.RUNNING, 10, null, null, null, 1, Instant.now(), Instant.now());
    }

    @Test
    void aUserReadsOnlyTheirOwnJobsAnAdminAllAndNobodyNone() {
        Caller alice = new Caller("alice", Set.of(), null);
        Caller admin = new Caller("root", Set.of(Caller.ADMIN), null);
        assertTrue(alice.mayRead(ownedBy("alice")));
        assertFalse(alice.mayRead(ownedBy("bob")));
        assertFalse(alice.mayWatch("bob"));
        assertTrue(admin.mayRead(ownedBy("bob")));
        assertTrue(admin.mayWatch("bob"));
        assertFalse(Caller.NOBODY.mayRead(ownedBy("alice")));
        assertTrue(Caller.OPEN.mayRead(ownedBy("anyone")));
        assertTrue(Caller.OPEN.hasRole(Caller.PUBLISHER));
    }

    @Test
    void withSecurityOnOnlyTheServersOwnOriginMayOpenASocketByDefault() {
        OriginPolicy policy = new OriginPolicy("auto", true);
        assertTrue(policy.allows("https://jobs.example.com", "jobs.example.com"));
        assertTrue(policy.allows("http://localhost:9080", "localhost:9080"));
        assertFalse(policy.allows("https://evil.example", "jobs.example.com"));
        assertFalse(policy.allows("http://localhost:9081", "localhost:9080"));
        assertFalse(policy.allows("null", "jobs.example.com"));
        assertTrue(policy.allows(null, "jobs.example.com"), "non-browser clients send no Origin");
        assertTrue(new OriginPolicy("auto", false).allows("https://evil.example", "jobs.example.com"));
    }

    @Test
    void listedOriginsAreComparedNormalised() {
        OriginPolicy policy = new OriginPolicy(" https://App.example.com:443 , same-origin", true);
        assertTrue(policy.allows("https://app.example.com", "jobs.example.com"));
        assertTrue(policy.allows("https://jobs.example.com", "jobs.example.com"));
        assertFalse(policy.allows("http://app.example.com", "jobs.example.com"));
        assertTrue(new OriginPolicy("*", true).allows("https://anything.example", "x"));
    }

    @Test
    void aTokenBucketAllowsItsBurstThenItsRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(2, 3, now::get);
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
        assertEquals(1, bucket.secondsUntilNext());
        now.addAndGet(500_000_000L); // half a second at 2 a second: one more
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void aRateLimiterKeepsOneBucketPerClientAndForgetsIdleOnes() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(1, 1, 2, now::get);
        assertTrue(limiter.bucket("a").tryTake());
        assertFalse(limiter.bucket("a").tryTake());
        assertTrue(limiter.bucket("b").tryTake(), "another client has its own budget");
        now.addAndGet(5_000_000_000L);
        assertTrue(limiter.bucket("c").tryTake());
        assertTrue(limiter.size() <= 2, "idle buckets were forgotten");
    }

    @Test
    void jsonDepthIsCountedOutsideStringsOnly() {
        assertFalse(JsonDepth.exceeds("{\"a\":[1,{\"b\":2}]}", 3));
        assertTrue(JsonDepth.exceeds("{\"a\":[1,{\"b\":[2]}]}", 3));
        assertFalse(JsonDepth.exceeds("{\"a\":\"[[[[[[[[\\\"[[[[\"}", 1));
        assertTrue(JsonDepth.exceeds("42[\"subscribe\"," + "[".repeat(100_000), 32));
        assertFalse(JsonDepth.exceeds("]]]]}}}{}", 1));
    }

    @Test
    void refusalsAreLoggedAtMostSoOftenAMinutePerClientAndInAll() {
        AtomicLong now = new AtomicLong();
        RefusalLog log = new RefusalLog(now::get);
        int written = 0;
        for (int i = 0; i < 100; i++) {
            written += log.refused("GET /api/jobs", "10.0.0.1\nforged", "token expired") ? 1 : 0;
        }
        assertEquals(RefusalLog.PER_SOURCE_PER_MINUTE, written, "one client's budget");
        assertTrue(log.refused("GET /api/jobs", "10.0.0.2", "token expired"), "a flood does not hide another client");
        for (int i = 3; i < 1000; i++) {
            log.refused("GET /api/jobs", "10.0.0." + i, "token expired");
        }
        assertFalse(log.refused("GET /api/jobs", "10.0.1.1", "token expired"), "and all clients together are capped");
        now.addAndGet(61_000_000_000L);
        assertTrue(log.refused("GET /api/jobs", "10.0.0.1", "token expired"));
    }

    @Test
    void logTextEscapesLineBreaksAndDirectionOverrides() {
        assertEquals("a\\nb\\u2028c\\u2029d\\u202ee\\u2066f\\u0000g\\u0085h",
                LogText.safe("a\nb\u2028c\u2029d\u202Ee\u2066f\u0000g\u0085h"));
        assertEquals("plain ascii, ümlaut and 日本", LogText.safe("plain ascii, ümlaut and 日本"));
    }
}
