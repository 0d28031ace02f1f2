package io.jobpulse.health;

import io.jobpulse.push.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code jobpulse-live}: the application answers. Deliberately independent of the database and
 * Redis: an outage there is for readiness, and restarting this server would not fix it.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    Hub hub;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("jobpulse-live")
                .withData("connections", hub.connectionCount())
                .up()
                .build();
    }
}
