package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one observer of producers' {@link JobEvent}s.
 *
 * <p>{@code AFTER_SUCCESS}: an event fired inside a JTA transaction is applied and pushed only
 * once that transaction commits (and never if it rolls back), so no browser sees a change its
 * producer took back. Outside a transaction CDI calls this at once, in the producer's thread.
 * Nothing is rethrown: a producer's {@code fire} never fails because of jobpulse.
 */
@ApplicationScoped
public class JobEventObserver {

    private static final Logger LOG = Logger.getLogger(JobEventObserver.class.getName());

    @Inject
    EventApplier service;

    void onEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobEvent event) {
        try {
            service.apply(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not apply a job event", e);
        }
    }
}
