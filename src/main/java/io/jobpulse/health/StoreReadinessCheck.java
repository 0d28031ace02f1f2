package io.jobpulse.health;

import io.jobpulse.job.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code jobpulse-store}: the job store answers a read. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    JobStore store;

    @Override
    public HealthCheckResponse call() {
        try {
            store.find("health-probe");
            return HealthCheckResponse.named("jobpulse-store").up().build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("jobpulse-store").down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
