package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Validates, versions and stores one event, then announces the change. Every producer ends here:
 * CDI events through {@link JobEventObserver}, HTTP ingest and Batch through the same observer.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class.getName());

    private final JobStore store;
    private final Event<JobChanged> changed;
    private final Counter applied;
    private final Counter rejected;
    private final Counter ignored;
    private final AtomicLong lastRejectionLogged = new AtomicLong(System.nanoTime() - 2_000_000_000L);

    @Inject
    public JobService(JobStore store, Event<JobChanged> changed, MetricRegistry metrics) {
        this.store = store;
        this.changed = changed;
        this.applied = metrics.counter("jobpulse.events", new Tag("outcome", "applied"));
        this.rejected = metrics.counter("jobpulse.events", new Tag("outcome", "rejected"));
        this.ignored = metrics.counter("jobpulse.events", new Tag("outcome", "ignored"));
    }

    /** CDI needs a no-argument constructor to proxy an application-scoped bean. */
    protected JobService() {
        this.store = null;
        this.changed = null;
        this.applied = null;
        this.rejected = null;
        this.ignored = null;
    }

    public Outcome apply(JobEvent event) {
        Outcome outcome = store.apply(event);
        if (outcome instanceof Outcome.Applied a) {
            applied.inc();
            announce(a.job());
        } else if (outcome instanceof Outcome.Rejected r) {
            rejected.inc();
            LOG.log(rejectionLogLevel(), "Rejected {0} event: {1}", new Object[]{kindOf(event), LogText.safe(r.reason())});
        } else if (outcome instanceof Outcome.Ignored i) {
            ignored.inc();
            LOG.log(Level.FINE, "Ignored {0} event: {1}", new Object[]{kindOf(event), LogText.safe(i.reason())});
        }
        return outcome;
    }

    private void announce(Job job) {
        try {
            changed.fire(new JobChanged(job));
        } catch (RuntimeException e) {
            // The change is stored; a broken observer must not turn it into a producer error.
            LOG.log(Level.WARNING, "An observer of job changes failed for job " + job.jobId(), e);
        }
    }

    /**
     * INFO for at most one rejection per second, FINE for the rest: a producer sending a stream of
     * bad events must not flood the log (the metric counts them all).
     */
    private Level rejectionLogLevel() {
        long now = System.nanoTime();
        long last = lastRejectionLogged.get();
        if (now - last >= 1_000_000_000L && lastRejectionLogged.compareAndSet(last, now)) {
            return Level.INFO;
        }
        return Level.FINE;
    }

    private static String kindOf(JobEvent event) {
        return event == null || event.kind() == null ? "invalid" : event.kind().name().toLowerCase();
    }
}
