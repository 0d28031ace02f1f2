package io.jobpulse.ingest.batchevents;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Says at startup whether Liberty batch events are on, and warns when the setting and Liberty's
 * configuration disagree. Liberty, not the application, turns the events on (messaging.xml includes
 * batch-events-true.xml when the environment variable {@code JOBPULSE_BATCH_EVENTS} is true); this
 * only checks the outcome: the publisher's connection factory exists exactly when that file was read.
 */
@ApplicationScoped
public class BatchEventsStatus {

    static final String SETTING = "jobpulse.batch-events";
    static final String PUBLISHER = "jms/jobpulse/batchEventsPublisher";

    private static final Logger LOG = Logger.getLogger(BatchEventsStatus.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Config config = ConfigProvider.getConfig();
        String value = config.getOptionalValue("jobpulse.batch-events", String.class).map(String::trim).orElse("false");
        if ("true".equals(value)) {
            if (published()) {
                LOG.info("Liberty batch events: on. Every batch job of every application on this server is a "
                        + "jobpulse job (topic batch/, embedded messaging engine)");
            } else {
                LOG.warning(SETTING + " is true, but Liberty did not read batch-events-true.xml: set the "
                        + "environment variable JOBPULSE_BATCH_EVENTS=true (the server's environment or its "
                        + "server.env), the only place Liberty reads it from, and keep messaging.xml and server.env "
                        + "of this release. Batch events stay off");
            }
        } else if (!"false".equals(value)) {
            LOG.warning(SETTING + "=" + value + " is neither true nor false: Liberty batch events stay off");
        }
    }

    private static boolean published() {
        try {
            new InitialContext().lookup(PUBLISHER);
            return true;
        } catch (NamingException e) {
            LOG.log(Level.FINE, "No " + PUBLISHER, e);
            return false;
        }
    }
}
