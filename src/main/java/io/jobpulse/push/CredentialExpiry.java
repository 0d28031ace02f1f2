package io.jobpulse.push;

import io.jobpulse.security.TokenVerifier;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes sockets whose token has expired, with {@link CloseCodes#UNAUTHORIZED} (4401; Socket.IO
 * clients get an {@code auth:expired} event first), so a long-lived socket is never worth more than
 * the token it opened with. One sweep a second over all connections, not a timer per connection;
 * it runs only when security is on.
 */
@ApplicationScoped
public class CredentialExpiry {

    static final long PERIOD_MS = 1000;
    private static final Logger LOG = Logger.getLogger(CredentialExpiry.class.getName());

    @Inject
    Hub hub;

    @Inject
    TokenVerifier verifier;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (verifier.enabled()) {
            sweeps = scheduler.scheduleAtFixedRate(this::sweepSafely, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    private void sweepSafely() {
        try {
            sweep(clock.instant());
        } catch (RuntimeException e) {
            // A fixed-rate task that throws is never run again.
            LOG.log(Level.WARNING, "Token expiry sweep failed", e);
        }
    }

    void sweep(Instant now) {
        for (Connection c : hub.connections()) {
            if (c.caller().expired(now)) {
                hub.close(c, CloseCodes.UNAUTHORIZED, "token expired");
            }
        }
    }
}
