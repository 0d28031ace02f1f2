package io.jobpulse.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One periodic sweep over all connections, instead of a timer per connection: closes connections
 * whose socket stayed unwritable too long (a stuck client must not pin memory forever) and, on the
 * plain endpoint, sends WebSocket pings and closes peers that stop answering them (a crashed client
 * or a cut network sends no close frame).
 */
@ApplicationScoped
public class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());

    @Inject
    Hub hub;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.send-timeout-ms", defaultValue = "30000")
    long sendTimeoutMs;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.ping-interval-ms", defaultValue = "25000")
    long pingIntervalMs;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.ping-timeout-ms", defaultValue = "20000")
    long pingTimeoutMs;

    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long period = Math.max(50, Math.min(1000, Math.min(sendTimeoutMs, Math.min(pingIntervalMs, pingTimeoutMs)) / 4));
        sweeps = scheduler.scheduleAtFixedRate(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    private void sweepSafely() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule (an exception would end it for good).
            LOG.log(Level.WARNING, "Connection sweep failed", e);
        }
    }

    void sweep(long now) {
        long sendTimeout = TimeUnit.MILLISECONDS.toNanos(sendTimeoutMs);
        long pingInterval = TimeUnit.MILLISECONDS.toNanos(pingIntervalMs);
        long pingTimeout = TimeUnit.MILLISECONDS.toNanos(pingTimeoutMs);
        for (Connection c : hub.connections()) {
            if (c.outbox().writingForNanos() > sendTimeout) {
                hub.close(c, CloseCodes.SLOW_CONSUMER, "not reading; reconnect and resubscribe");
            } else if (c.format() == WireFormat.PLAIN) {
                if (c.pingOverdue(now, pingTimeout)) {
                    hub.close(c, CloseCodes.PING_TIMEOUT, "no pong");
                } else {
                    c.pingIfDue(now, pingInterval);
                }
            }
        }
    }
}
