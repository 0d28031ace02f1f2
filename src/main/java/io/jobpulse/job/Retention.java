package io.jobpulse.job;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finished jobs stay queryable for {@code jobpulse.retention.finished-seconds}, then a periodic
 * sweep removes them from the store and tells the push side ({@link JobsPurged}) to forget their
 * subscriptions. Unfinished jobs are never purged. This is what keeps memory proportional to recent
 * jobs rather than to every job ever seen.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @Inject
    JobStore store;

    @Inject
    Event<JobsPurged> purged;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "jobpulse.retention.finished-seconds", defaultValue = "3600")
    long retentionSeconds;

    @Inject
    @ConfigProperty(name = "jobpulse.retention.sweep-seconds", defaultValue = "60")
    long sweepSeconds;

    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sweeps = scheduler.scheduleWithFixedDelay(this::sweep, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    /** Purges what finished longer ago than the retention; returns the purged ids. */
    public List<String> sweep() {
        try {
            List<String> ids = store.purgeFinishedBefore(Clock.systemUTC().instant().minus(Duration.ofSeconds(retentionSeconds)));
            if (!ids.isEmpty()) {
                purged.fire(new JobsPurged(ids));
                LOG.log(Level.FINE, "Purged {0} finished jobs", ids.size());
            }
            return ids;
        } catch (RuntimeException e) {
            // Keep the schedule alive: an exception would cancel it for good.
            LOG.log(Level.WARNING, "Retention sweep failed", e);
            return List.of();
        }
    }
}
