package io.jobpulse.ingest.batchevents;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.function.BooleanSupplier;
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
    /** Set by batch-events-true.xml: Liberty read it. */
    static final String FILE_READ = "jobpulse.batch-events-file";

    private static final Logger LOG = Logger.getLogger(BatchEventsStatus.class.getName());

    /** The startup line and how loud it is; null when there is nothing to say (off, as by default). */
    record Line(Level level, String text) {
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Line line = describe(ConfigProvider.getConfig(), BatchEventsStatus::published);
        if (line != null) {
            LOG.log(line.level(), line.text());
        }
    }

    /** @param published whether the publisher's connection factory is in JNDI, asked only when the setting is true */
    static Line describe(Config config, BooleanSupplier published) {
        String value = config.getOptionalValue("jobpulse.batch-events", String.class).map(String::trim).orElse("false");
        if ("false".equals(value)) {
            return null;
        }
        if (!"true".equals(value)) {
            return new Line(Level.WARNING, SETTING + "=" + value + " is neither true nor false: Liberty batch events stay off");
        }
        if (published.getAsBoolean()) {
            return new Line(Level.INFO, "Liberty batch events: on. Every batch job of every application on this server "
                    + "is a jobpulse job (topic batch/, embedded messaging engine)");
        }
        if ("included".equals(config.getOptionalValue(FILE_READ, String.class).orElse(""))) {
            // Liberty re-reads the feature list at a warm start only when a configuration file is newer
            // than the last start, not when an environment variable picked another file: the previous
            // start's features, without messaging, stay.
            return new Line(Level.WARNING, SETTING + " is true and Liberty read batch-events-true.xml, but it kept the "
                    + "features of the previous start (no messaging engine, no " + PUBLISHER + "): start the server "
                    + "once with 'server start --clean' (or touch batch-events-true.xml). Batch events stay off");
        }
        return new Line(Level.WARNING, SETTING + " is true, but Liberty did not read batch-events-true.xml: set the "
                + "environment variable JOBPULSE_BATCH_EVENTS=true (the server's environment or its "
                + "server.env), the only place Liberty reads it from, and keep messaging.xml and server.env "
                + "of this release. Batch events stay off");
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
