package io.jobpulse.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes connections whose socket stayed unwritable too long, on both endpoints: a client that
 * stops reading must not pin a write (and its queue) forever. The same sweep closes connections
 * whose token has expired, with {@link CloseCodes#UNAUTHORIZED} (Socket.IO clients get an
 * {@code auth:expired} event first), so a long-lived socket is never worth more than the token it
 * opened with. One periodic sweep over all connections (at least once a second) rather than a timer
 * per write or per connection. (Dead peers are the {@link io.jobpulse.push.session.Heartbeat}'s job.)
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

    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long period = Math.max(50, Math.min(1000, sendTimeoutMs / 4));
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
            sweep();
        } catch (RuntimeException e) {
            // A fixed-rate task that throws is never run again.
            LOG.log(Level.WARNING, "Connection sweep failed", e);
        }
    }

    void sweep() {
        long sendTimeout = TimeUnit.MILLISECONDS.toNanos(sendTimeoutMs);
        Instant now = Instant.now();
        for (Connection c : hub.connections()) {
            if (c.outbox().writingForNanos() > sendTimeout) {
                c.close(CloseCause.SLOW_CONSUMER, "not reading; reconnect and resubscribe");
            } else if (c.caller().expired(now)) {
                c.close(CloseCause.TOKEN_EXPIRED, "token expired");
            }
        }
    }
}
