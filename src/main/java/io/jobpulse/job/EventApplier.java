package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Validates, versions and stores one event, then announces the change. Every producer ends here:
 * CDI events (and Batch, which fires them) through {@link JobEventObserver}; HTTP and JMS ingest call
 * {@link #apply(JobEvent, String)} directly, because they must report each event's outcome, with
 * their source name so metrics tell the paths apart.
 */
@ApplicationScoped
public class EventApplier {

    /** The source of events fired as CDI events by application code. */
    public static final String SOURCE_CDI = "cdi";

    private static final Logger LOG = Logger.getLogger(EventApplier.class.getName());
    private static final Metadata EVENTS = Metadata.builder().withName("jobpulse.events")
            .withDescription("Job events received, by outcome (applied, rejected, ignored) and source").build();

    private final JobStore store;
    private final Event<JobChanged> changed;
    private final MetricRegistry metrics;
    private final Timer storeLatency;
    /** source → counters for applied, rejected, ignored; cached so the hot path does no registry lookup. */
    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();
    private final AtomicLong lastRejectionLogged = new AtomicLong(System.nanoTime() - 2_000_000_000L);

    @Inject
    public EventApplier(JobStore store, Event<JobChanged> changed, MetricRegistry metrics) {
        this.store = store;
        this.changed = changed;
        this.metrics = metrics;
        this.storeLatency = metrics.timer(Metadata.builder().withName("jobpulse.store.latency")
                .withDescription("Time to apply one event, or one producer's batch, in the job store").withUnit(MetricUnits.SECONDS).build());
    }

    /** CDI needs a no-argument constructor to proxy an application-scoped bean. */
    protected EventApplier() {
        this.store = null;
        this.changed = null;
        this.metrics = null;
        this.storeLatency = null;
    }

    /** Created at startup, not on first use, so the event metrics exist before the first scrape. */
    void init(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        counters.computeIfAbsent(SOURCE_CDI, this::register);
    }

    public Outcome apply(JobEvent event) {
        return apply(event, SOURCE_CDI);
    }

    /** @param source where the event came from ({@value #SOURCE_CDI}, http, jms): a metrics tag */
    public Outcome apply(JobEvent event, String source) {
        Outcome outcome;
        try (Timer.Context ignored = storeLatency.time()) {
            outcome = store.apply(event);
        }
        return announced(event, outcome, source);
    }

    /**
     * Applies a producer's batch in order: the store commits it as one (a single transaction on a
     * durable store), and only then is each applied change announced, in order. Same outcomes, in
     * the same order, as applying the events one by one.
     */
    public List<Outcome> applyAll(List<JobEvent> events, String source) {
        List<Outcome> outcomes;
        try (Timer.Context ignored = storeLatency.time()) {
            outcomes = store.applyAll(events);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            announced(events.get(i), outcomes.get(i), source);
        }
        return outcomes;
    }

    private Outcome announced(JobEvent event, Outcome outcome, String source) {
        Counter[] bySource = counters.computeIfAbsent(source, this::register);
        if (outcome instanceof Outcome.Applied a) {
            bySource[0].inc();
            announce(a.job());
        } else if (outcome instanceof Outcome.Rejected r) {
            bySource[1].inc();
            LOG.log(rejectionLogLevel(), "Rejected {0} event from {1}: {2}",
                    new Object[]{kindOf(event), source, LogText.safe(r.reason())});
        } else if (outcome instanceof Outcome.Ignored i) {
            bySource[2].inc();
            LOG.log(Level.FINE, "Ignored {0} event from {1}: {2}",
                    new Object[]{kindOf(event), source, LogText.safe(i.reason())});
        }
        return outcome;
    }

    /**
     * Applies a decision of the server itself ({@link Endings}: a deadline passed, a cancellation was
     * requested) and announces the change like any producer's.
     */
    public Outcome decide(String jobId, Endings.Decision decision) {
        Outcome outcome;
        try (Timer.Context ignored = storeLatency.time()) {
            outcome = store.decide(jobId, decision);
        }
        if (outcome instanceof Outcome.Applied a) {
            announce(a.job());
        }
        return outcome;
    }

    private Counter[] register(String source) {
        Tag tag = new Tag("source", source);
        return new Counter[]{
                metrics.counter(EVENTS, new Tag("outcome", "applied"), tag),
                metrics.counter(EVENTS, new Tag("outcome", "rejected"), tag),
                metrics.counter(EVENTS, new Tag("outcome", "ignored"), tag)};
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
