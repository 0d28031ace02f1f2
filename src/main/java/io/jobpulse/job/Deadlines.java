package io.jobpulse.job;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the jobs whose deadline passed ({@link Endings#expire}): a stalled job fails, a cancellation
 * its producer never confirmed ends cancelled. Every {@code jobpulse.jobs.sweep-seconds} it reads the
 * due jobs and decides each one under the store's per-job lock; on a cluster every node sweeps, and
 * whichever node locks a job first ends it, the others find it finished and change nothing, so the
 * terminal event is produced exactly once. Deadlines are stored, so they survive restarts.
 */
@ApplicationScoped
public class Deadlines {

    private static final Logger LOG = Logger.getLogger(Deadlines.class.getName());
    private static final int BATCH = 200;

    @Inject
    JobStore store;

    @Inject
    EventApplier service;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "jobpulse.jobs.sweep-seconds", defaultValue = "5")
    long sweepSeconds;

    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long every = Math.max(1, sweepSeconds);
        sweeps = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    /** Ends every job due now; returns how many this node ended. */
    public int sweep() {
        try {
            int ended = 0;
            int endedNow;
            List<String> due;
            do {
                endedNow = 0;
                due = store.dueBy(Clock.systemUTC().instant(), BATCH);
                for (String jobId : due) {
                    if (service.decide(jobId, Endings::expire) instanceof Outcome.Applied) {
                        endedNow++;
                    }
                }
                ended += endedNow;
                // a full batch another node ended meanwhile ends nothing here: wait for the next sweep
            } while (due.size() == BATCH && endedNow > 0);
            if (ended > 0) {
                LOG.log(Level.INFO, "Ended {0} jobs past their deadline", ended);
            }
            return ended;
        } catch (RuntimeException e) {
            // Keep the schedule alive: an exception would cancel it for good.
            LOG.log(Level.WARNING, "Deadline sweep failed", e);
            return 0;
        }
    }
}
