package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On start, ends the jobs whose producer lived in this server ({@link Job#node()}: demo jobs, this
 * server's Jakarta Batch executions) and died with it: {@code failed} with reason
 * {@link Lifecycle#INTERRUPTED}, pushed and stored like any end. It runs before this server takes
 * any request, so none of those producers can be running yet (Liberty does not resume batch
 * executions on its own, and their state is kept in memory). Jobs of other nodes and of external
 * producers are left alone: their deadlines cover them.
 */
@ApplicationScoped
public class Interruptions {

    private static final Logger LOG = Logger.getLogger(Interruptions.class.getName());

    @Inject
    JobStore store;

    @Inject
    EventApplier service;

    @Inject
    NodeIdentity node;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            int ended = 0;
            for (String jobId : store.activeIn(node.id())) {
                if (service.decide(jobId, Endings::interrupt) instanceof Outcome.Applied) {
                    ended++;
                }
            }
            if (ended > 0) {
                LOG.log(Level.INFO, "Ended {0} jobs interrupted when node {1} stopped", new Object[]{ended, node.id()});
            }
        } catch (RuntimeException e) {
            // the store may be down at start; their stall deadlines still end these jobs
            LOG.log(Level.WARNING, "Could not end the jobs interrupted by the last stop", e);
        }
    }
}
