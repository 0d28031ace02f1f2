package io.jobpulse.health;

import io.jobpulse.cluster.ClusterBridge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code jobpulse-redis}: when cluster fan-out is configured, Redis answers and this node reads the
 * stream. DOWN while it does not (clients here would miss other nodes' events); UP by itself once the
 * bridge has reconnected. Always UP on a single node.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    @Inject
    ClusterBridge bridge;

    @Override
    public HealthCheckResponse call() {
        if (!bridge.enabled()) {
            return HealthCheckResponse.named("jobpulse-redis").up().withData("enabled", false).build();
        }
        return HealthCheckResponse.named("jobpulse-redis").status(bridge.healthy()).withData("enabled", true).build();
    }
}
