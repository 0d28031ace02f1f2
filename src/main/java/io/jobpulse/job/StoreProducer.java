package io.jobpulse.job;

import io.jobpulse.job.jdbc.JdbcJobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Chooses the {@link JobStore} from {@code jobpulse.store}: {@code jdbc} (the default) keeps jobs in
 * the Liberty data source {@code jdbc/jobpulse} (an embedded H2 file unless the server configuration
 * points it at PostgreSQL), {@code memory} keeps them in this JVM only.
 */
@ApplicationScoped
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class.getName());

    @Inject
    @ConfigProperty(name = "jobpulse.store", defaultValue = "jdbc")
    String kind;

    /** The stall deadline of jobs whose producer sets none; 0 = none (docs/delivery.md). */
    @Inject
    @ConfigProperty(name = "jobpulse.jobs.stale-after-seconds", defaultValue = "900")
    long staleAfterSeconds;

    /** Declared in liberty-config/jobpulse.xml; Liberty connects lazily, so memory mode never touches it. */
    @Resource(lookup = "jdbc/jobpulse")
    DataSource dataSource;

    /** Whether the job store is the data source jdbc/jobpulse (not the memory store). */
    boolean usesDatabase() {
        return "jdbc".equals(kind.trim().toLowerCase());
    }

    @Produces
    @ApplicationScoped
    JobStore store() {
        switch (kind.trim().toLowerCase()) {
            case "memory":
                LOG.info("Job store: memory (job state is lost when the server stops)");
                return new MemoryJobStore(Clock.systemUTC(), Math.max(0, staleAfterSeconds));
            case "jdbc":
                JdbcJobStore store = JdbcJobStore.open(dataSource, Clock.systemUTC(), Math.max(0, staleAfterSeconds));
                LOG.info("Job store: jdbc (data source jdbc/jobpulse)");
                return store;
            default:
                throw new IllegalArgumentException("jobpulse.store must be 'jdbc' or 'memory', not '" + kind + "'");
        }
    }
}
