package io.jobpulse.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start against a database server (PostgreSQL) with the password built into
 * liberty-config/jobpulse.xml: that default exists for the embedded H2 file, which only this server
 * opens; on a database reachable over the network it would be a password everyone knows, and a
 * forgotten JOBPULSE_DB_PASSWORD would go unnoticed.
 */
@ApplicationScoped
public class DatabasePasswordCheck {

    /** The default of the Liberty variable jobpulse.db.password (liberty-config/jobpulse.xml). */
    static final String BUILT_IN_PASSWORD = "jobpulse";

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        check(ConfigProvider.getConfig());
    }

    static void check(Config config) {
        if (!"jdbc".equals(config.getOptionalValue("jobpulse.store", String.class).orElse("jdbc"))) {
            return;
        }
        String url = config.getOptionalValue("jobpulse.db.url", String.class).orElse("jdbc:h2:");
        String password = config.getOptionalValue("jobpulse.db.password", String.class).orElse("");
        if (!url.startsWith("jdbc:h2:") && (password.isBlank() || password.equals(BUILT_IN_PASSWORD))) {
            throw new IllegalStateException("jobpulse refuses to start: JOBPULSE_DB_URL names a database server ("
                    + StartupSummary.withoutPassword(url) + ") but JOBPULSE_DB_PASSWORD is "
                    + (password.isBlank() ? "empty" : "the built-in default meant for the embedded H2 file")
                    + "; set the database user's own password");
        }
    }
}
