package io.jobpulse.push;

import io.jobpulse.job.JobChanged;
import io.jobpulse.job.JobsPurged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.BiConsumer;

/**
 * The way into the {@link Hub}: every job change, local or from another node, passes the per-job
 * rate limit ({@link PushThrottle}) and what passes is published; a purged job is forgotten by the
 * rate limit and the hub alike.
 */
@ApplicationScoped
public class HubFeed {

    private final Hub hub;
    private final PushThrottle throttle;

    @Inject
    public HubFeed(Hub hub, PushStats stats, Scheduler scheduler,
                   @ConfigProperty(name = "jobpulse.push.max-per-second-per-job", defaultValue = "20") int maxPerSecond) {
        this(hub, stats, maxPerSecond, scheduler::later);
    }

    /** Without CDI (unit tests): {@code later} runs a task after a delay in nanoseconds. */
    public HubFeed(Hub hub, PushStats stats, int maxPerSecond, BiConsumer<Runnable, Long> later) {
        this.hub = hub;
        this.throttle = new PushThrottle(maxPerSecond, job -> hub.publish(new JobUpdate(job)), later,
                System::nanoTime, stats::coalesced);
    }

    /** For the CDI proxy only. */
    protected HubFeed() {
        this.hub = null;
        this.throttle = null;
    }

    /**
     * Runs before application observers of {@code JobChanged} (lower priority value), so a broken
     * third-party observer, whose exception stops CDI's notification chain, cannot stop the push.
     */
    void onChanged(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) JobChanged changed) {
        throttle.offer(changed.job());
    }

    /** Drops purged jobs' rate-limit slots, subscriptions and per-connection bookkeeping. */
    void onPurged(@Observes JobsPurged purged) {
        for (String jobId : purged.jobIds()) {
            throttle.forget(jobId);
            hub.forgetJob(jobId);
        }
    }
}
