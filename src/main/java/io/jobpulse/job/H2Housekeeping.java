package io.jobpulse.job;

import io.jobpulse.job.jdbc.H2Compaction;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@link H2Compaction} every {@code jobpulse.db.h2-compact-seconds} when the job store is the
 * embedded H2 file, so the file stays bounded under steady updates; on PostgreSQL or the memory store
 * it does nothing. A failure is logged and the store keeps working: the file then only grows as it
 * would without this.
 */
@ApplicationScoped
public class H2Housekeeping {

    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class.getName());

    @Inject
    StoreProducer stores;

    /** 0 turns it off. */
    @Inject
    @ConfigProperty(name = "jobpulse.db.h2-compact-seconds", defaultValue = "10")
    long intervalSeconds;

    @Resource(lookup = "jdbc/jobpulse")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private H2Compaction compaction;
    private ScheduledFuture<?> rounds;
    private boolean failureLogged;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (intervalSeconds <= 0 || !stores.usesDatabase()) {
            return;
        }
        try {
            compaction = H2Compaction.install(dataSource).orElse(null);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "H2 compaction is not available; the database file may grow with the commits", e);
            return;
        }
        if (compaction != null) {
            rounds = scheduler.scheduleWithFixedDelay(this::round, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
        if (compaction != null) {
            try {
                compaction.uninstall();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not remove the H2 compaction alias", e);
            }
        }
    }

    private void round() {
        try {
            compaction.run();
        } catch (SQLException | RuntimeException e) {
            // Keep the schedule alive (an exception would cancel it); say it once, not every round.
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, "H2 compaction failed; the database file may grow with the commits", e);
            }
        }
    }
}
