package io.jobpulse.demo;

import io.jobpulse.http.Problem;
import io.jobpulse.job.JobStore;
import io.jobpulse.security.Caller;
import io.jobpulse.security.RateLimiter;
import io.jobpulse.security.RefusalLog;
import io.jobpulse.security.TokenBucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Supplier;

/**
 * What one client may do with the demo producers, which exist to show the push path, not to run
 * work: a request rate per client, a number of demo jobs running per user, and a longest run per
 * job. Without these a single request ({@code records=100000,itemMillis=10000}) held a batch thread
 * for days, and a loop of requests filled the store.
 */
@ApplicationScoped
public class DemoLimits {

    /** Clients remembered at most by the rate limit (see {@link RateLimiter}). */
    private static final int MAX_CLIENTS = 10_000;
    /** Enough to see past any sane per-user cap among a user's active jobs. */
    private static final int ACTIVE_SCAN_LIMIT = 1000;

    @Inject
    JobStore store;

    @Inject
    RefusalLog refusals;

    @Inject
    @ConfigProperty(name = "jobpulse.demo.rate", defaultValue = "1")
    double ratePerSecond;

    @Inject
    @ConfigProperty(name = "jobpulse.demo.burst", defaultValue = "10")
    int burst;

    @Inject
    @ConfigProperty(name = "jobpulse.demo.max-running-per-user", defaultValue = "5")
    int maxRunningPerUser;

    @Inject
    @ConfigProperty(name = "jobpulse.demo.max-duration-seconds", defaultValue = "600")
    int maxDurationSeconds;

    private RateLimiter limiter;

    @PostConstruct
    void init() {
        limiter = new RateLimiter(ratePerSecond, burst, MAX_CLIENTS, System::nanoTime);
    }

    /**
     * Runs {@code start} if the limits allow a demo job of about {@code durationMillis} for
     * {@code userId}, else throws the refusal (problem JSON through the exception mapper). One at a
     * time, so two requests cannot both take the last running slot.
     */
    public synchronized Response start(Caller caller, String address, String userId, long durationMillis,
                                       Supplier<Response> start) {
        if (durationMillis > maxDurationSeconds * 1000L) {
            throw Problem.exception(Response.Status.BAD_REQUEST, "invalid-demo-request",
                    "a demo job may run at most " + maxDurationSeconds + " s (jobpulse.demo.max-duration-seconds); "
                            + "this one would take about " + (durationMillis + 999) / 1000 + " s");
        }
        String client = caller.userId() != null ? "user " + caller.userId() : "address " + address;
        TokenBucket bucket = limiter.bucket(client);
        if (!bucket.tryTake()) {
            refusals.refused("POST /api/demo", client, "rate limited");
            throw Problem.retryAfter(Response.Status.TOO_MANY_REQUESTS, "rate-limited",
                    "more than " + burst + " demo jobs at once or " + ratePerSecond + " a second"
                            + " (jobpulse.demo.rate, jobpulse.demo.burst)", bucket.secondsUntilNext());
        }
        long running = store.findByUser(userId, true, ACTIVE_SCAN_LIMIT).stream()
                .filter(job -> job.type() != null && job.type().startsWith("demo")).count();
        if (running >= maxRunningPerUser) {
            throw Problem.exception(Response.Status.TOO_MANY_REQUESTS, "too-many-demo-jobs",
                    "at most " + maxRunningPerUser + " demo jobs may run at once for one user "
                            + "(jobpulse.demo.max-running-per-user); wait for one to finish");
        }
        return start.get();
    }
}
