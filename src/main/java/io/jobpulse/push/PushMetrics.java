package io.jobpulse.push;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The push side's metrics (names in docs/operations.md), registered at startup, not on first use,
 * so every series exists before the first scrape: the counters ({@link PushStats}, produced here for
 * the hub and its feed) and the gauges read off the {@link Hub}.
 */
@ApplicationScoped
public class PushMetrics {

    @Inject
    MetricRegistry metrics;

    @Inject
    Hub hub;

    private PushStats stats;

    @PostConstruct
    void register() {
        stats = PushStats.register(metrics);
        for (WireFormat format : WireFormat.values()) {
            metrics.gauge(Metadata.builder().withName("jobpulse.connections")
                            .withDescription("Open socket connections, by endpoint").build(),
                    () -> hub.connectionCount(format), new Tag("endpoint", format.endpoint()));
        }
        metrics.gauge(Metadata.builder().withName("jobpulse.subscriptions")
                .withDescription("Subscriptions held by open connections").build(), hub::subscriptionCount);
        metrics.gauge(Metadata.builder().withName("jobpulse.push.queued")
                .withDescription("Frames waiting in connection outboxes (not counting one in flight each)").build(),
                hub::queuedFrames);
        metrics.gauge(Metadata.builder().withName("jobpulse.push.remembered")
                .withDescription("Jobs whose last version sent connection outboxes remember (bounded by their subscriptions)").build(),
                hub::rememberedJobs);
    }

    void init(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing the event is what instantiates the bean
    }

    /** The one set of push counters, shared by everything that counts. */
    @Produces
    PushStats stats() {
        return stats;
    }
}
